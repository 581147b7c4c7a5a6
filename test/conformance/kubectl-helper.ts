// Runs the real kubectl against a simulator kubeconfig, each run with its own discovery cache.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait-for.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function env(cacheDir: string): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, KUBECACHEDIR: cacheDir };
  delete e.KUBECONFIG;
  return e;
}

export function kubectl(kubeconfig: string, args: string[], timeoutMs = 30_000): Promise<KubectlResult> {
  const cache = mkdtempSync(join(tmpdir(), 'kubecache-'));
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: env(cache), timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      rmSync(cache, { recursive: true, force: true });
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts a long-running kubectl (logs -f, get -w), collects lines, and kills it once `enough` says so or at the deadline. */
export function kubectlUntil(kubeconfig: string, args: string[], enough: (lines: string[]) => boolean, timeoutMs = 20_000): Promise<{ lines: string[]; stderr: string; satisfied: boolean }> {
  const cache = mkdtempSync(join(tmpdir(), 'kubecache-'));
  return new Promise((resolve) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: env(cache), stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let buf = '';
    let stderr = '';
    let satisfied = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const parts = buf.split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
      if (!satisfied && enough(lines)) {
        satisfied = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', () => {
      clearTimeout(timer);
      rmSync(cache, { recursive: true, force: true });
      resolve({ lines, stderr, satisfied });
    });
  });
}

/** Splits `kubectl get` output into rows of whitespace-separated cells (header first). */
export function rows(stdout: string): string[][] {
  return stdout
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s{2,}/));
}

/** Polls `fn` (a kubectl call, say) until `ok` holds; on timeout the error names `what` and the last answer. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 45_000): Promise<T> {
  let last: T | undefined;
  try {
    return (await waitFor(async () => {
      last = await fn();
      return ok(last) ? { value: last } : undefined;
    }, { timeoutMs: ms, intervalMs: 300, message: what })).value;
  } catch (err) {
    throw new Error(`${(err as Error).message}; last: ${JSON.stringify(last)}`);
  }
}
