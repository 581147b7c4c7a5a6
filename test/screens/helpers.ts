// Key codes and settling for ink-testing-library (ink-notes §4: frames commit on later macrotasks).
import { waitFor } from '../helpers/wait-for.js';

export const KEY = { up: '\u001B[A', down: '\u001B[B', enter: '\r', esc: '\u001B', pgdn: '\u001B[6~', ctrlC: '\u0003', backspace: '\u007F' };

export const settle = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

/**
 * Ink 8 holds a lone ESC byte on a fixed 20 ms timer (pendingInputFlushDelayMilliseconds in
 * ink/build/components/App.js) in case it starts an escape sequence, then emits it as Esc. A key written
 * before that timer fires joins the ESC (Meta-key), and nothing observable changes until it fires, so this
 * is a wait for Ink's own timer, not for a condition. It is exact, not a race: Ink arms its timer inside
 * stdin.write (ink-testing-library emits synchronously) and Node runs equal-delay timers in the order they
 * were armed, so ours runs after Ink's has emitted the Esc, however loaded the machine is.
 */
const INK_ESC_FLUSH_MS = 20;

export async function press(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await settle();
    if (k === KEY.esc) await new Promise((r) => setTimeout(r, INK_ESC_FLUSH_MS));
  }
  await settle();
}

export async function type(stdin: { write(s: string): void }, text: string) {
  for (const ch of text) {
    stdin.write(ch);
    await settle(3);
  }
}

/** Waits, settling the event loop (Ink commits frames on later macrotasks), until `test` holds; throws after `ms` with `what`. */
export async function waitUntil(test: () => boolean, ms = 5000, what = 'the condition'): Promise<void> {
  await waitFor(
    async () => {
      await settle(3);
      return test();
    },
    { timeoutMs: ms, intervalMs: 5, message: what },
  );
}
