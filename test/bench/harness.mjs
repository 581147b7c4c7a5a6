// What the bench's phases share: where the built binary is, the console in a pseudo-terminal (pty_driver.py),
// the simulator as a child process, and the statistics of the summary.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// SUNBEAM_BENCH_BIN measures another build of the console.
export const BIN = process.env.SUNBEAM_BENCH_BIN ?? join(ROOT, 'bin/sunbeam-console.js');
export const NODE = process.execPath;
export const OUT = join(ROOT, '.bench');
export const COLS = 120;
export const ROWS = 40;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs) => xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
export const median = (xs) => {
  const s = sorted(xs);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
export const pct = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
export const round = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
/** The least-squares slope of y over x (null with fewer than two points). */
export function slope(points) {
  const ps = points.filter((p) => typeof p.x === 'number' && typeof p.y === 'number');
  if (ps.length < 2) return null;
  const mx = ps.reduce((a, p) => a + p.x, 0) / ps.length;
  const my = ps.reduce((a, p) => a + p.y, 0) / ps.length;
  const sxx = ps.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx ? ps.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx : null;
}
/** Keypress latencies (ms, null for a press whose marker never showed) as the summary's figures. */
export const latencyStats = (ms) => ({ n: ms.length, missed: ms.filter((x) => x === null).length, median: round(median(ms)), p95: round(pct(ms, 95)), max: round(Math.max(...ms.filter((x) => x !== null))) });

/** One console in a pseudo-terminal, driven by JSON commands. */
export class Pty {
  constructor(args, cols = COLS, rows = ROWS) {
    this.proc = spawn('python3', [join(ROOT, 'test/bench/pty_driver.py'), String(cols), String(rows), '--', NODE, BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    this.replies = [];
    this.waiters = [];
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const w = this.waiters.shift();
      if (w) w(JSON.parse(line));
      else this.replies.push(JSON.parse(line));
    });
  }
  call(op, args = {}) {
    this.proc.stdin.write(JSON.stringify({ op, ...args }) + '\n');
    return new Promise((r) => (this.replies.length ? r(this.replies.shift()) : this.waiters.push(r)));
  }
  async close() {
    const r = await this.call('quit', { data: 'q' });
    this.proc.stdin.end();
    return r;
  }
}

/** `sunbeam-console sim` writing its kubeconfig to `kubeconfig`, resolved once it printed `ready`. */
export async function startSim(kubeconfig, extraArgs = []) {
  const sim = spawn(NODE, [BIN, 'sim', '--scenario', 'healthy', '--kubeconfig', kubeconfig, ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolveReady, reject) => {
    const rl = createInterface({ input: sim.stdout });
    rl.on('line', (l) => l === 'ready' && resolveReady());
    sim.on('exit', (c) => reject(new Error(`the simulator exited (${c}) before it was ready`)));
  });
  return sim;
}
