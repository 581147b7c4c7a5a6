// Key codes and settling for ink-testing-library (ink-notes §4: frames commit on later macrotasks).
import { waitFor } from '../helpers/wait-for.js';

export const KEY = { up: '\u001B[A', down: '\u001B[B', enter: '\r', esc: '\u001B', pgdn: '\u001B[6~', ctrlC: '\u0003', backspace: '\u007F' };

export const settle = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

export async function press(stdin: { write(s: string): void }, ...keys: string[]) {
  for (const k of keys) {
    stdin.write(k);
    await settle();
    // A lone ESC is held ~20 ms by ink 8's input parser (it may start an escape sequence).
    if (k === KEY.esc) await new Promise((r) => setTimeout(r, 40));
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
