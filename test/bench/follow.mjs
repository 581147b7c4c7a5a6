// The bench's follow phase (issue #10, rung 3): the simulator with one busy service (`sim --log-rate
// matrix/sol=5000`), the console in a pseudo-terminal following it (`:logs matrix/sol`), and in the same run
// `kubectl logs -f` and Debian's `kubetail` following the same service. Measures the lines per second each takes
// in, their CPU and memory, the console's keypress latency while the lines arrive and its memory over time.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUT, Pty, latencyStats, round, sleep, slope, startSim } from './harness.mjs';
import { usage } from './proc.mjs';

export const FOLLOW = { namespace: 'matrix', app: 'sol', rate: 5000 };
const KEY_PRESSES = 40;
const SAMPLE_EVERY_S = 10;
/** Memory is flat when its least-squares slope over the second half of the run stays below this. */
const FLAT_MIB_PER_MINUTE = 1;
const WARM_UP_MS = 5000;
/** The longest kubectl and kubetail each follow (a 30-minute console run compares over its first 5 minutes' length). */
const COMPARE_MAX_S = 300;

const installed = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Another log follower, in its own process group, counting the lines it prints. */
function follower(name, cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (b) => {
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
  });
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const exited = new Promise((r) => child.on('exit', r));
  return {
    name,
    pid: child.pid,
    lines: () => lines,
    stderr: () => stderr.trim(),
    running: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (!this.running()) return;
      try {
        process.kill(-child.pid, 'SIGTERM'); // the group: kubetail's kubectl processes and shells too
      } catch {
        // already gone
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 2000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** The console's last 'logs' bench event (rung 3's follow-view counters) among `events`. */
const lastLogs = (events) => events.filter((e) => e.event === 'logs').at(-1);

const mib = (kb) => (typeof kb === 'number' ? round(kb / 1024) : null);

/** Below this many seconds in the second half of the run, a slope is GC noise: no verdict on flatness. */
const MIN_FIT_S = 120;

/**
 * Memory samples ({ atSeconds, mib }) as first → last and max, and the least-squares slope over the second half
 * of the run: V8 grows its heaps in steps over the first minutes, and what must stay flat is what comes after.
 */
function memory(samples) {
  const end = samples.at(-1)?.atSeconds ?? 0;
  const fit = samples.filter((s) => s.atSeconds >= end / 2);
  const span = fit.length ? fit.at(-1).atSeconds - fit[0].atSeconds : 0;
  const perMinute = slope(fit.map((s) => ({ x: s.atSeconds / 60, y: s.mib })));
  const mibs = samples.map((s) => s.mib).filter((x) => typeof x === 'number');
  return {
    first: mibs[0] ?? null,
    last: mibs.at(-1) ?? null,
    max: mibs.length ? Math.max(...mibs) : null,
    secondHalfSlopeMiBPerMinute: round(perMinute, 2),
    flat: perMinute === null || span < MIN_FIT_S ? null : Math.abs(perMinute) < FLAT_MIB_PER_MINUTE,
    samples,
  };
}

function rates(lines, cpuSeconds, seconds) {
  return {
    linesPerSecond: round(lines / seconds),
    cpuPercent: round((cpuSeconds / seconds) * 100),
    cpuMsPer1000Lines: lines > 0 ? round((cpuSeconds * 1e6) / lines) : null,
  };
}

const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b !== 0 ? round(a / b, 2) : null);

/** Calls `sample(atSeconds)` every 10 s from `t0` until `end` (ms epochs), and returns at `end`. */
async function everyTenSeconds(t0, end, sample) {
  const step = SAMPLE_EVERY_S * 1000;
  for (let next = t0 + step * Math.ceil((Date.now() - t0) / step); next <= end; next += step) {
    await sleep(Math.max(0, next - Date.now())); // truly time: memory is sampled every 10 s
    await sample(Math.round((Date.now() - t0) / 1000));
  }
  await sleep(Math.max(0, end - Date.now())); // truly time: the phase's length
}

/** Measures a follower over a window: mark() at its start, sample() every 10 s, figures() at its end. */
function meter(t) {
  let a;
  const rssKb = [];
  const take = () => ({ at: Date.now(), lines: t.lines(), ...usage(t.pid, true) });
  return {
    mark() {
      a = take();
      rssKb.push(a.rssKb);
    },
    sample() {
      rssKb.push(usage(t.pid, true).rssKb);
    },
    figures() {
      const b = take();
      rssKb.push(b.rssKb);
      return {
        available: true,
        ...rates(b.lines - a.lines, b.cpuSeconds - a.cpuSeconds, (b.at - a.at) / 1000),
        processes: b.processes,
        rssMiB: { last: mib(b.rssKb), max: mib(Math.max(...rssKb)) },
        ...(t.running() ? {} : { note: `exited early: ${t.stderr().split('\n').at(-1) ?? ''}` }),
      };
    },
  };
}

/**
 * The console following the busy service for `minutes`: its ingest rate, CPU, latency and memory over time;
 * `beside()` starts the followers that run at the same time, measured over the same window.
 */
async function consoleFollows(kubeconfig, target, minutes, beside) {
  const pty = new Pty(['--kubeconfig', kubeconfig]);
  if (!(await pty.call('wait', { text: 'postgres-2', timeout: 60 })).ok) throw new Error('the status pane never showed postgres-2');
  // From rung 2, so that Esc in the Logs pane goes back there.
  await pty.call('send', { data: '2' });
  await pty.call('wait', { text: "What's unhealthy?", timeout: 10 });
  await pty.call('send', { data: ':' });
  await pty.call('wait', { text: 'Esc cancel', timeout: 10 });
  await pty.call('send', { data: `logs ${target}` });
  await pty.call('wait', { text: `logs ${target}`, timeout: 10 });
  await pty.call('send', { data: '\r' });
  const t0 = Date.now();
  const others = beside().map((t) => ({ t, m: meter(t) }));
  // The console reports its follow view every second once it follows.
  let following;
  for (let tries = 0; tries < 100 && !following; tries++) {
    await pty.call('bytes', { seconds: 0.1 });
    const l = lastLogs((await pty.call('events')).events);
    if (l && l.status === 'following' && l.total > 0) following = l;
  }
  const note = following
    ? undefined
    : (await pty.call('wait', { text: 'cannot be followed', timeout: 0.2 })).ok
      ? 'the console could not follow: "Logs cannot be followed yet" (this build has no LogsService).'
      : 'the console sent no logs events with lines (bin/run-console.tsx must call report.logs(store)).';
  await sleep(Math.max(0, WARM_UP_MS - (Date.now() - t0))); // truly time: past the first lines (the tail, the ring filling)
  const rss = [{ atSeconds: Math.round((Date.now() - t0) / 1000), mib: mib((await pty.call('rss')).kb) }];
  // Rung 3 takes 0-6 for its time windows (as k9s); Esc goes back to the rung before it (2), and 3 comes back.
  // Each waits for the new pane's title.
  const latency = await pty.call('latency', {
    n: KEY_PRESSES,
    pairs: [
      ['\x1b', "What's unhealthy?"],
      ['3', 'What are the logs saying?'],
    ],
  });
  // Back on rung 3 (an even number of presses): the lines are on screen while the rates are measured.
  const snap = async () => {
    const cpu = await pty.call('cpu');
    const { events } = await pty.call('events');
    return { at: Date.now(), cpuSeconds: cpu.seconds, logs: lastLogs(events), renders: events.filter((e) => e.event === 'renders').length };
  };
  const s0 = await snap();
  for (const o of others) o.m.mark();
  await everyTenSeconds(t0, t0 + minutes * 60_000, async (atSeconds) => {
    rss.push({ atSeconds, mib: mib((await pty.call('rss')).kb) });
    for (const o of others) o.m.sample();
  });
  const s1 = await snap();
  const besideFigures = Object.fromEntries(others.map((o) => [o.t.name, o.m.figures()]));
  await Promise.all(others.map((o) => o.t.stop()));
  const { events } = await pty.call('events');
  const quit = await pty.close();

  const seconds = (s1.at - s0.at) / 1000;
  const renders = events.filter((e) => e.event === 'renders').slice(s0.renders, s1.renders);
  const n = renders.reduce((a, r) => a + r.n, 0);
  const [e0, e1] = [s0.logs, s1.logs];
  // The live heap: the lowest heap in use of each whole minute (one event a second; the heap in use swings with the
  // garbage of 5,000 lines a second between collections, its floor is what survives them).
  const heap = [];
  const withHeap = events.filter((x) => x.event === 'logs' && typeof x.heapUsed === 'number');
  for (let m = 0; ; m++) {
    const inMinute = withHeap.filter((e) => e.t - withHeap[0].t >= m * 60_000 && e.t - withHeap[0].t < (m + 1) * 60_000);
    if (inMinute.length < 50) break;
    heap.push({ atSeconds: m * 60 + 30, mib: mib(Math.min(...inMinute.map((e) => e.heapUsed)) / 1024) });
  }
  const lines = e0 && e1 ? e1.total - e0.total : 0;
  return {
    seconds,
    beside: besideFigures,
    figures: {
      following: Boolean(following && e1 && e1.total > 0),
      ...(note ? { note } : {}),
      ...rates(lines, s1.cpuSeconds - s0.cpuSeconds, seconds),
      // lines/s over the console's own clock (its events' times), CPU over the bench's
      linesPerSecond: round(lines / (e0 && e1 && e1.t > e0.t ? (e1.t - e0.t) / 1000 : seconds)),
      streams: e1?.streams ?? 0,
      ringTotal: e1?.total ?? 0,
      ringDropped: e1?.dropped ?? 0,
      ringKept: e1?.size ?? 0,
      latencyMs: { ...latencyStats(latency.ms), toCheck: latencyStats(latency.ms.filter((_, i) => i % 2 === 0)), toLogs: latencyStats(latency.ms.filter((_, i) => i % 2 === 1)) },
      inkRenders: { count: n, meanMs: n ? round(renders.reduce((a, r) => a + r.totalMs, 0) / n) : null, maxMs: round(Math.max(0, ...renders.map((r) => r.maxMs))) },
      rssMiB: memory(rss),
      liveHeapMiB: memory(heap),
      quit: { ms: round(quit.ms), exit: quit.exit },
    },
  };
}

/** One other follower alone beside the simulator: the same warm-up, then `seconds` measured. */
async function toolFollows(t, seconds) {
  const m = meter(t);
  try {
    await sleep(WARM_UP_MS); // truly time: as the console, past its first lines
    m.mark();
    const from = Date.now();
    await everyTenSeconds(from, from + seconds * 1000, async () => m.sample());
    return m.figures();
  } finally {
    await t.stop();
  }
}

const KUBECTL_ARGS = ['logs', '-f', '-n', FOLLOW.namespace, '-l', `app=${FOLLOW.app}`, '--max-log-requests', '10', '--prefix'];
const KUBETAIL_ARGS = [FOLLOW.app, '-n', FOLLOW.namespace];

/**
 * The console follows the busy service for `minutes` (the latency presses included) with `kubectl logs -f`
 * beside it over the same lines (kubectl takes a few per cent of a core); then kubetail follows it alone, its
 * shell loop forking a process per line and taking most of a core, which would skew the console's figures,
 * for as long as the console's rates were measured (at most `compareSeconds`). A follower that is not
 * installed is reported as skipped, and so is a console that does not follow.
 */
export async function followPhase({ minutes, compareSeconds = COMPARE_MAX_S }) {
  const kubeconfig = join(OUT, 'follow-kubeconfig.yaml');
  const target = `${FOLLOW.namespace}/${FOLLOW.app}`;
  const sim = await startSim(kubeconfig, ['--log-rate', `${target}=${FOLLOW.rate}`]);
  const cache = mkdtempSync(join(tmpdir(), 'bench-kubecache-'));
  const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cache };
  const hasKubectl = installed('kubectl');
  const started = [];
  try {
    const simBefore = usage(sim.pid);
    const t0 = Date.now();
    const c = await consoleFollows(kubeconfig, target, minutes, () => {
      const beside = hasKubectl ? [follower('kubectl', 'kubectl', KUBECTL_ARGS, env)] : [];
      started.push(...beside);
      return beside;
    });
    const simCpuPercent = round(((usage(sim.pid).cpuSeconds - simBefore.cpuSeconds) / ((Date.now() - t0) / 1000)) * 100);
    const window = Math.max(10, Math.min(compareSeconds, Math.round(c.seconds)));
    const others = { kubectl: hasKubectl ? { ...c.beside.kubectl, when: 'beside the console' } : { available: false, note: 'kubectl is not installed: skipped.' } };
    if (!installed('kubetail')) others.kubetail = { available: false, note: 'kubetail is not installed (Debian: apt install kubetail): skipped.' };
    else if (!hasKubectl) others.kubetail = { available: false, note: 'kubetail runs kubectl, which is not installed: skipped.' };
    else {
      const t = follower('kubetail', 'kubetail', KUBETAIL_ARGS, env);
      started.push(t);
      others.kubetail = { ...(await toolFollows(t, window)), when: `alone, for ${window} s after the console` };
    }
    const cons = c.figures;
    const ratios = {};
    for (const [name, o] of Object.entries(others)) {
      if (!o.available) continue;
      ratios[`console/${name}`] = {
        linesPerSecond: ratio(cons.linesPerSecond, o.linesPerSecond),
        cpuPercent: ratio(cons.cpuPercent, o.cpuPercent),
        cpuPer1000Lines: ratio(cons.cpuMsPer1000Lines, o.cpuMsPer1000Lines),
        rssMax: ratio(cons.rssMiB.max, o.rssMiB.max),
      };
    }
    return { target, offeredLinesPerSecond: FOLLOW.rate, minutes, measuredSeconds: round(c.seconds), simCpuPercentWhileConsoleFollowed: simCpuPercent, console: cons, ...others, ratios };
  } finally {
    await Promise.all(started.map((t) => t.stop()));
    sim.kill('SIGTERM');
    rmSync(cache, { recursive: true, force: true });
    rmSync(kubeconfig, { force: true });
  }
}

const flatness = (m) =>
  `slope over the second half ${cell(m.secondHalfSlopeMiBPerMinute)} MiB/min: ${m.flat === null ? `no verdict under ${MIN_FIT_S / 60} minutes of second half (--follow-minutes 30 gives one)` : m.flat ? 'flat' : 'NOT flat'} (flat: under ${FLAT_MIB_PER_MINUTE} MiB/min)`;
const cell = (x, unit = '') => (x === null || x === undefined ? '–' : `${x}${unit}`);

/** The phase's rows of the markdown summary. */
export function followMarkdown(f) {
  const c = f.console;
  const m = c.rssMiB;
  const rows = [
    `| following ${f.target}, ${f.offeredLinesPerSecond} lines/s offered: rates after a 5 s warm-up | lines/s taken in | CPU (% of a core) | CPU ms per 1,000 lines | RSS max |`,
    '|---|---|---|---|---|',
    `| console, \`:logs ${f.target}\` on screen for ${f.minutes} min, rates over its last ${f.measuredSeconds} s (${c.streams} streams; ring: ${c.ringTotal} lines in, ${c.ringKept} kept, ${c.ringDropped} dropped; the simulator used ${cell(f.simCpuPercentWhileConsoleFollowed, '%')} CPU) | ${c.following ? cell(c.linesPerSecond) : `not following: ${c.note ?? 'no lines'}`} | ${cell(c.cpuPercent)} | ${cell(c.cpuMsPer1000Lines)} | ${cell(m.max, ' MiB')} |`,
  ];
  for (const name of ['kubectl', 'kubetail']) {
    const o = f[name];
    const what = name === 'kubectl' ? `\`kubectl logs -f -n ${f.target.split('/')[0]} -l app=${f.target.split('/')[1]} --max-log-requests 10 --prefix\`` : `\`kubetail ${f.target.split('/')[1]} -n ${f.target.split('/')[0]}\``;
    if (!o?.available) rows.push(`| ${what} | ${o?.note ?? 'skipped'} | | | |`);
    else rows.push(`| ${what}, ${o.when} (${o.processes} ${o.processes === 1 ? "process" : "processes"}${o.note ? `; ${o.note}` : ''}) | ${cell(o.linesPerSecond)} | ${cell(o.cpuPercent)} | ${cell(o.cpuMsPer1000Lines)} | ${cell(o.rssMiB.max, ' MiB')} |`);
  }
  for (const [k, r] of Object.entries(f.ratios)) rows.push(`| ratio ${k} | ${cell(r.linesPerSecond, '×')} | ${cell(r.cpuPercent, '×')} | ${cell(r.cpuPer1000Lines, '×')} | ${cell(r.rssMax, '×')} |`);
  const l = c.latencyMs;
  const h = c.liveHeapMiB;
  return `${rows.join('\n')}

| console while following | value |
|---|---|
| keypress → screen while ${f.offeredLinesPerSecond} lines/s arrive, rungs 3 ↔ 2 (n=${l.n}, missed ${l.missed}) | median ${cell(l.median)} ms, p95 ${cell(l.p95)} ms, max ${cell(l.max)} ms |
| … \`3\` (Check → Logs, the followed lines drawn) | median ${cell(l.toLogs.median)} ms, p95 ${cell(l.toLogs.p95)} ms |
| … Esc (Logs → back to Check) | median ${cell(l.toCheck.median)} ms, p95 ${cell(l.toCheck.p95)} ms |
| RSS over ${f.minutes} min of following (every 10 s) | ${cell(m.first)} → ${cell(m.last)} MiB, max ${cell(m.max)} MiB; ${flatness(m)} |
| live V8 heap (the lowest heap in use of each whole minute, from the console's events) | ${h.samples.length ? `${cell(h.first)} → ${cell(h.last)} MiB, max ${cell(h.max)} MiB; ${flatness(h)}` : 'under a whole minute of events'} |
| Ink renders while following | ${c.inkRenders.count}, mean ${cell(c.inkRenders.meanMs)} ms, max ${cell(c.inkRenders.maxMs)} ms |
`;
}
