// Verification loops: poll a probe until it says done, it says failed, the time is up or the user cancels;
// report progress for a spinner line and, at the end, exactly what is still wrong.
import { errorSentence } from './error-sentence.js';
import type { Progress, VerifyResult } from './types.js';

export interface Probe {
  done: boolean;
  /** What is true now: "2/3 pods ready; sol-7d9f-x2kq9 is CrashLoopBackOff". */
  text: string;
  /** What is wrong in particular: "sol-7d9f-x2kq9 is CrashLoopBackOff" (after the time in a timeout message). */
  detail?: string;
  /** A terminal failure (a Backup in phase failed): stop waiting. */
  failed?: boolean;
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** "rollout of matrix/sol" */
  label: string;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

export function secondsText(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

export async function waitFor(probe: () => Promise<Probe>, o: WaitOptions): Promise<VerifyResult> {
  const start = Date.now();
  const interval = o.intervalMs ?? 500;
  let last: Probe = { done: false, text: `waiting for ${o.label}` };
  for (;;) {
    try {
      last = await probe();
    } catch (err) {
      last = { done: false, text: errorSentence(err) };
    }
    const elapsed = Date.now() - start;
    const detail = last.detail ? `; ${last.detail}` : '';
    if (last.done) return { ok: true, message: `${last.text} (after ${secondsText(elapsed)})` };
    if (last.failed) return { ok: false, message: `${last.text} (after ${secondsText(elapsed)})${detail}` };
    o.onProgress?.({ kind: 'waiting', text: `${last.text}${detail}`, elapsedMs: elapsed });
    if (o.signal?.aborted) return { ok: false, message: `Cancelled while waiting for ${o.label}: ${last.text}${detail}` };
    if (elapsed >= o.timeoutMs) return { ok: false, message: `${last.text} after ${secondsText(elapsed)}${detail}` };
    await sleep(Math.min(interval, Math.max(0, o.timeoutMs - elapsed)), o.signal);
  }
}
