// The console's benchmark: drives the BUILT binary through a real pseudo-terminal (test/bench/pty_driver.py)
// and measures start-up, keypress latency while pods churn, bytes written per second idle and churning, memory
// over time, and (test/bench/follow.mjs) following one busy service's logs beside kubectl and kubetail. Writes
// .bench/results.json and prints a markdown summary.
//
//   npm run bench                              # short: 60 s steady phase, 1 minute of following
//   npm run bench -- --long                    # 10 minutes steady
//   npm run bench -- --duration 120            # the steady phase's seconds
//   npm run bench -- --follow-minutes 30       # the follow phase's minutes (memory after 30 minutes)
//   npm run bench -- --only follow             # only these phases (startup, steady, follow; comma-separated)
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { followMarkdown, followPhase } from './follow.mjs';
import { COLS, OUT, Pty, ROWS, latencyStats, median, round, sleep, startSim } from './harness.mjs';

const run = promisify(execFile);

const argv = process.argv.slice(2);
const flag = (name) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
const DURATION_S = argv.includes('--long') ? 600 : flag('--duration') !== undefined ? Number(flag('--duration')) : 60;
const FOLLOW_MINUTES = flag('--follow-minutes') !== undefined ? Number(flag('--follow-minutes')) : 1;
const PHASES = ['startup', 'steady', 'follow'];
const ONLY = flag('--only') !== undefined ? flag('--only').split(',') : PHASES;
for (const [ok, sentence] of [
  [Number.isFinite(DURATION_S) && DURATION_S > 0, `--duration is a number of seconds above 0, not "${flag('--duration')}".`],
  [Number.isFinite(FOLLOW_MINUTES) && FOLLOW_MINUTES >= 0.5, `--follow-minutes is a number of minutes, 0.5 or more, not "${flag('--follow-minutes')}".`],
  [ONLY.every((p) => PHASES.includes(p)), `--only takes phases among ${PHASES.join(', ')} (comma-separated), not "${flag('--only')}".`],
]) {
  if (!ok) {
    process.stderr.write(`bench: ${sentence}\n`);
    process.exit(2);
  }
}
const STARTUP_RUNS = 3;
const KEY_PRESSES = 40;

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
process.stderr.write(
  `bench at ${COLS}x${ROWS}: ${[
    ONLY.includes('startup') && `${STARTUP_RUNS} start-ups in --demo`,
    ONLY.includes('steady') && `a ${DURATION_S}s steady phase against the simulator`,
    ONLY.includes('follow') && `${FOLLOW_MINUTES} min following matrix/sol at 5000 lines/s beside kubectl and kubetail`,
  ]
    .filter(Boolean)
    .join(', then ')}...\n`,
);
const results = { when: new Date().toISOString(), node: process.version, terminal: `${COLS}x${ROWS}` };
const rows = []; // the start-up and steady rows: one table, as before the follow phase
const sections = [];
if (ONLY.includes('startup')) {
  const starts = await startup();
  results.startup = {
    runs: starts,
    medianFirstFrameMs: median(starts.map((r) => r.firstFrameMs)),
    medianPopulatedMs: median(starts.map((r) => r.populatedMs)),
    medianInProcessFirstFrameMs: median(starts.map((r) => r.inProcessFirstFrameMs)),
    medianInProcessPopulatedMs: median(starts.map((r) => r.inProcessPopulatedMs)),
  };
  rows.push(`| first frame (spawn → ladder on screen), median of ${STARTUP_RUNS} | ${results.startup.medianFirstFrameMs} ms (in-process ${results.startup.medianInProcessFirstFrameMs} ms) |
| fully populated status pane (--demo, spawn → cluster/postgres and its pods on screen) | ${results.startup.medianPopulatedMs} ms (in-process ${results.startup.medianInProcessPopulatedMs} ms) |
`);
}
if (ONLY.includes('steady')) {
  const st = await steady();
  Object.assign(results, {
    durationSeconds: DURATION_S,
    keyLatencyMs: latencyStats(st.latency),
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
  });
  rmSync(join(OUT, 'kubeconfig.yaml'), { force: true });
  const rssFirst = results.rssMiB[0]?.mib;
  const rssLast = results.rssMiB[results.rssMiB.length - 1]?.mib;
  rows.push(`| keypress → screen while pods churn (n=${results.keyLatencyMs.n}, missed ${results.keyLatencyMs.missed}) | median ${results.keyLatencyMs.median} ms, p95 ${results.keyLatencyMs.p95} ms, max ${results.keyLatencyMs.max} ms |
| bytes/s written, idle (30 s, from 10 s after populate) | ${results.bytesPerSecond.idle} B/s (${results.bytesPerSecond.idleWrites} writes) |
| bytes/s written, pods churning (15 s, ${results.bytesPerSecond.rolloutRestarts} rollout restarts in the run) | ${results.bytesPerSecond.churning} B/s (${results.bytesPerSecond.churningWrites} writes) |
| Ink tree→string renders during the steady phase | ${results.inkRenders.count}, mean ${results.inkRenders.meanMs} ms, max ${results.inkRenders.maxMs} ms |
| RSS after populate → at the end (${results.rssMiB[results.rssMiB.length - 1]?.atSeconds} s, pods churning from 40 s on) | ${rssFirst} MiB → ${rssLast} MiB |
| quit (q → process exit) | ${results.quit.ms} ms, exit ${results.quit.exit} |
`);
}
if (rows.length) sections.push(`| measure | value |\n|---|---|\n${rows.join('')}`);
if (ONLY.includes('follow')) {
  results.follow = await followPhase({ minutes: FOLLOW_MINUTES });
  sections.push(followMarkdown(results.follow));
}
writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`## sunbeam-console bench (${results.when}, Node ${results.node}, ${results.terminal} PTY)

${sections.join('\n')}
Written to .bench/results.json.
`);
