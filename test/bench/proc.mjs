// /proc readers for the bench's comparisons: the CPU time and resident memory of a process and of its whole
// tree (kubetail is a shell script that runs one kubectl per container and more shells beside them).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** ppid, own CPU ticks, and the CPU ticks of children it has reaped, from /proc/PID/stat; undefined when gone. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields after the name: state (3 in stat(5)), ppid 4, utime 14, stime 15, cutime 16, cstime 17
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

function rssKb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pids of `root` and every live descendant. */
function tree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (!s) continue;
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(Number(name));
  }
  const out = [];
  for (const todo = [root]; todo.length; ) {
    const pid = todo.pop();
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU seconds (user + system) used so far by `pid`, with `wholeTree` by it and every descendant, live or reaped
 * (a reaped child's time is in its parent's cutime/cstime), and the resident memory of the live ones now.
 */
export function usage(pid, wholeTree = false) {
  const pids = wholeTree ? tree(pid) : [pid];
  let ticks = 0;
  let kb = 0;
  for (const p of pids) {
    const s = stat(p);
    if (!s) continue;
    ticks += s.own + (wholeTree ? s.reaped : 0);
    kb += rssKb(p);
  }
  return { cpuSeconds: ticks / CLK_TCK, rssKb: kb, processes: pids.length };
}
