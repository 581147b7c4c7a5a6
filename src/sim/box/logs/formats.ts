// Timestamp and line formats of the programs that run in the Box.

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

export function isoMs(t: Date): string {
  return t.toISOString();
}

/** 2026-11-23 19:40:01.123 UTC (PostgreSQL's log_line_prefix '%m') */
export function pgTime(t: Date): string {
  return `${t.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** 2026-11-23 19:40:01,123 (Python logging, barman, synapse) */
export function pyTime(t: Date): string {
  return t.toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
}

function micros(t: Date): string {
  return `${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}.${p3(t.getUTCMilliseconds())}${p3(Math.floor(Math.random() * 1000))}`;
}

/** klog/glog header: I1123 19:40:01.123456       1 controller.go:162] */
export function klog(t: Date, level: 'I' | 'W' | 'E' | 'F', caller: string, msg: string, pid = 1): string {
  return `${level}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())} ${micros(t)} ${String(pid).padStart(7)} ${caller}] ${msg}`;
}

/** glog as SeaweedFS prints it (no pid column padding). */
export function glog(t: Date, level: 'I' | 'W' | 'E' | 'F', caller: string, msg: string): string {
  return `${level}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())} ${micros(t)} ${caller}] ${msg}`;
}

/** logfmt with quoting where needed. */
export function logfmt(fields: Record<string, string | number | boolean>): string {
  return Object.entries(fields)
    .map(([k, v]) => {
      const s = String(v);
      return `${k}=${/[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s}`;
    })
    .join(' ');
}

/** nginx "combined" access log time: 23/Nov/2026:19:40:01 +0000 */
export function clfTime(t: Date): string {
  return `${p2(t.getUTCDate())}/${MON[t.getUTCMonth()]}/${t.getUTCFullYear()}:${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} +0000`;
}

/** syslog: Nov 23 19:40:01 */
export function syslogTime(t: Date): string {
  return `${MON[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
}

/** Go's log package: 2026/11/23 19:40:01 */
export function goTime(t: Date): string {
  return `${t.getUTCFullYear()}/${p2(t.getUTCMonth() + 1)}/${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}`;
}

export function json(o: Record<string, unknown>): string {
  return JSON.stringify(o);
}
