// The console's benchmark: drives the BUILT binary through a real pseudo-terminal (test/bench/pty_driver.py)
// and measures start-up, keypress latency while pods churn, bytes written per second idle and churning, and
// memory over time. Writes .bench/results.json and prints a markdown summary.
//
//   npm run bench                 # short: 60 s steady phase
//   npm run bench -- --long       # 10 minutes
//   npm run bench -- --duration 120
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// SUNBEAM_BENCH_BIN measures another build of the console.
const BIN = process.env.SUNBEAM_BENCH_BIN ?? join(ROOT, 'bin/sunbeam-console.js');
const NODE = process.execPath;
const OUT = join(ROOT, '.bench');
const run = promisify(execFile);

const argv = process.argv.slice(2);
const durationIdx = argv.indexOf('--duration');
const DURATION_S = argv.includes('--long') ? 600 : durationIdx >= 0 ? Number(argv[durationIdx + 1]) : 60;
const COLS = 120;
const ROWS = 40;
const STARTUP_RUNS = 3;
const KEY_PRESSES = 40;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const pct = (xs, p) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

/** One console in a pseudo-terminal, driven by JSON commands. */
class Pty {
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

async function startup() {
  const runs = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const pty = new Pty(['--demo']);
    const frame = await pty.call('wait', { text: '7 Errors', timeout: 30 });
    // Fully populated: the pods grouped under their workloads, the CloudNativePG cluster row included.
    await pty.call('wait', { text: 'postgres-2', timeout: 60 });
    const populated = await pty.call('wait', { text: 'cluster/postgres', timeout: 60 });
    // The console reports 'populated' after the frame that shows it: poll for it.
    let events = [];
    for (let tries = 0; tries < 50 && !events.some((e) => e.event === 'populated'); tries++) {
      await pty.call('bytes', { seconds: 0.1 });
      ({ events } = await pty.call('events'));
    }
    const quit = await pty.close();
    const ev = Object.fromEntries(events.map((e) => [e.event, e.t]));
    runs.push({
      firstByteMs: round(frame.firstByte * 1000),
      firstFrameMs: frame.ok ? round(frame.t * 1000) : null,
      populatedMs: populated.ok ? round(populated.t * 1000) : null,
      inProcessFirstFrameMs: round(ev['first-frame']),
      inProcessPopulatedMs: round(ev.populated),
      quitMs: round(quit.ms),
      exitCode: quit.exit,
    });
  }
  return runs;
}

async function startSim(kubeconfig) {
  const sim = spawn(NODE, [BIN, 'sim', '--scenario', 'healthy', '--kubeconfig', kubeconfig], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolveReady, reject) => {
    const rl = createInterface({ input: sim.stdout });
    rl.on('line', (l) => l === 'ready' && resolveReady());
    sim.on('exit', (c) => reject(new Error(`the simulator exited (${c}) before it was ready`)));
  });
  return sim;
}

async function deployments(kubeconfig) {
  const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'deployments', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}']);
  return stdout.split('\n').filter(Boolean);
}

/** Rollout-restarts one deployment after another until stopped: the pods churn as in a real rollout. */
function churn(kubeconfig, targets, everyMs = 1500) {
  let stop = false;
  let restarts = 0;
  const loop = (async () => {
    for (let i = 0; !stop; i++) {
      const [ns, name] = targets[i % targets.length].split('/');
      await run('kubectl', ['--kubeconfig', kubeconfig, 'rollout', 'restart', 'deployment', '-n', ns, name]).then(
        () => restarts++,
        () => {},
      );
      await sleep(everyMs); // truly time: the churn's cadence, one rollout restart every everyMs
    }
  })();
  return {
    async stop() {
      stop = true;
      await loop;
      return restarts;
    },
  };
}

async function steady() {
  const kubeconfig = join(OUT, 'kubeconfig.yaml');
  const sim = await startSim(kubeconfig);
  try {
    const pty = new Pty(['--kubeconfig', kubeconfig]);
    const populated = await pty.call('wait', { text: 'postgres-2', timeout: 60 });
    if (!populated.ok) throw new Error('the status pane never showed postgres-2');
    const t0 = Date.now();
    const rss = [{ s: 0, kb: (await pty.call('rss')).kb }];
    // Let the first minutes' stragglers (late lists, the Box's controllers settling) pass, then listen.
    await sleep(10_000);
    const idle = await pty.call('bytes', { seconds: 30 });
    const targets = await deployments(kubeconfig);
    const ch = churn(kubeconfig, targets);
    await sleep(2000); // truly time: let the churn get going before its bytes are counted
    const churning = await pty.call('bytes', { seconds: 15 });
    const latency = await pty.call('latency', { n: KEY_PRESSES, pairs: [['2', "What's unhealthy?"], ['1', "What's actually running?"]] });
    // Truly time: memory is sampled every 10 s over the run's duration.
    while (Date.now() - t0 < DURATION_S * 1000) {
      await sleep(Math.min(10_000, Math.max(0, DURATION_S * 1000 - (Date.now() - t0))));
      rss.push({ s: Math.round((Date.now() - t0) / 1000), kb: (await pty.call('rss')).kb });
    }
    if (rss.length === 1) rss.push({ s: Math.round((Date.now() - t0) / 1000), kb: (await pty.call('rss')).kb });
    const restarts = await ch.stop();
    const { events } = await pty.call('events');
    const quit = await pty.close();
    const renders = events.filter((e) => e.event === 'renders');
    const n = renders.reduce((a, r) => a + r.n, 0);
    const inkRenders = { n, meanMs: n ? renders.reduce((a, r) => a + r.totalMs, 0) / n : null, maxMs: Math.max(0, ...renders.map((r) => r.maxMs)) };
    return { idle, churning, latency: latency.ms, rss, restarts, quit, inkRenders };
  } finally {
    sim.kill('SIGTERM');
  }
}

mkdirSync(OUT, { recursive: true });
process.stderr.write(`bench: ${STARTUP_RUNS} start-ups in --demo, then a ${DURATION_S}s steady phase against the simulator at ${COLS}x${ROWS}...\n`);
const starts = await startup();
const st = await steady();
const lat = st.latency;
const results = {
  when: new Date().toISOString(),
  node: process.version,
  terminal: `${COLS}x${ROWS}`,
  durationSeconds: DURATION_S,
  startup: {
    runs: starts,
    medianFirstFrameMs: median(starts.map((r) => r.firstFrameMs)),
    medianPopulatedMs: median(starts.map((r) => r.populatedMs)),
    medianInProcessFirstFrameMs: median(starts.map((r) => r.inProcessFirstFrameMs)),
    medianInProcessPopulatedMs: median(starts.map((r) => r.inProcessPopulatedMs)),
  },
  keyLatencyMs: { n: lat.length, missed: lat.filter((x) => x === null).length, median: round(median(lat)), p95: round(pct(lat, 95)), max: round(Math.max(...lat.filter((x) => x !== null))) },
  bytesPerSecond: {
    idle: round(st.idle.bytes / st.idle.seconds),
    idleWrites: st.idle.writes,
    churning: round(st.churning.bytes / st.churning.seconds),
    churningWrites: st.churning.writes,
    rolloutRestarts: st.restarts,
  },
  inkRenders: { count: st.inkRenders.n, meanMs: round(st.inkRenders.meanMs), maxMs: round(st.inkRenders.maxMs) },
  rssMiB: st.rss.map((r) => ({ atSeconds: r.s, mib: r.kb === null ? null : round(r.kb / 1024) })),
  quit: { ms: round(st.quit.ms), exit: st.quit.exit },
};
writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
rmSync(join(OUT, 'kubeconfig.yaml'), { force: true });

const rssFirst = results.rssMiB[0]?.mib;
const rssLast = results.rssMiB[results.rssMiB.length - 1]?.mib;
const md = `## sunbeam-console bench (${results.when}, Node ${results.node}, ${results.terminal} PTY)

| measure | value |
|---|---|
| first frame (spawn → ladder on screen), median of ${STARTUP_RUNS} | ${results.startup.medianFirstFrameMs} ms (in-process ${results.startup.medianInProcessFirstFrameMs} ms) |
| fully populated status pane (--demo, spawn → cluster/postgres and its pods on screen) | ${results.startup.medianPopulatedMs} ms (in-process ${results.startup.medianInProcessPopulatedMs} ms) |
| keypress → screen while pods churn (n=${results.keyLatencyMs.n}, missed ${results.keyLatencyMs.missed}) | median ${results.keyLatencyMs.median} ms, p95 ${results.keyLatencyMs.p95} ms, max ${results.keyLatencyMs.max} ms |
| bytes/s written, idle (30 s, from 10 s after populate) | ${results.bytesPerSecond.idle} B/s (${results.bytesPerSecond.idleWrites} writes) |
| bytes/s written, pods churning (15 s, ${results.bytesPerSecond.rolloutRestarts} rollout restarts in the run) | ${results.bytesPerSecond.churning} B/s (${results.bytesPerSecond.churningWrites} writes) |
| Ink tree→string renders during the steady phase | ${results.inkRenders.count}, mean ${results.inkRenders.meanMs} ms, max ${results.inkRenders.maxMs} ms |
| RSS after populate → at the end (${results.rssMiB[results.rssMiB.length - 1]?.atSeconds} s, pods churning from 40 s on) | ${rssFirst} MiB → ${rssLast} MiB |
| quit (q → process exit) | ${results.quit.ms} ms, exit ${results.quit.exit} |

Written to .bench/results.json.
`;
process.stdout.write(md);
