// Colours through semantic tokens only; NO_COLOR (any non-empty value) turns every colour off, and the screens
// still carry their meaning in words (ok, warn, failing) and in inverse video for the cursor.

export type Token = 'ok' | 'warn' | 'failing' | 'unknown' | 'muted' | 'focus' | 'accent';

const PALETTE: Record<Token, string> = {
  ok: 'green',
  warn: 'yellow',
  failing: 'red',
  unknown: 'gray',
  muted: 'gray',
  focus: 'cyan',
  accent: 'magenta',
};

export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

const enabled = colorEnabled();

/** The Ink colour for a token, or undefined when colours are off. */
export function tone(token: Token | undefined): string | undefined {
  if (!enabled || !token) return undefined;
  return PALETTE[token];
}

/** Maps ladder verdicts and record health words to tokens. */
export function tokenFor(word: string | undefined): Token {
  switch (word) {
    case 'ok':
      return 'ok';
    case 'warn':
      return 'warn';
    case 'failing':
      return 'failing';
    case 'muted':
      return 'muted';
    default:
      return 'unknown';
  }
}

const POD_PALETTE = ['cyan', 'magenta', 'blue', 'green', 'yellow', 'white'] as const;

/** The colour of a pod's colour slot in a log view (stern's per-pod colours); undefined when colours are off. */
export function podColor(slot: number): string | undefined {
  return enabled ? POD_PALETTE[slot % POD_PALETTE.length] : undefined;
}
