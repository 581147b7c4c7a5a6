// How AlertManager's notifications fare, from its /metrics (the Prometheus text format): the four counters
// alertmanager_notifications_total, alertmanager_notifications_failed_total,
// alertmanager_notification_requests_total and alertmanager_notification_requests_failed_total, per
// `integration` (v0.25) and per `receiver_name` too where the server labels them so (v0.27+, whose failed
// counter also has `reason`: summed over it). NotifyWindow keeps the samples of the last minutes and reports
// the increase over them; a counter that went down is a restart, and its new value is the increase.
import type { NotifyStats } from '../../store/alerts-slice.js';

/** One integration's (and receiver's) four counters as read: NotifyStats without the recent figures. */
export type NotifyCounters = Pick<NotifyStats, 'integration' | 'receiver' | 'total' | 'failed' | 'requestsTotal' | 'requestsFailed'>;

const FIELD: Record<string, keyof Pick<NotifyCounters, 'total' | 'failed' | 'requestsTotal' | 'requestsFailed'>> = {
  alertmanager_notifications_total: 'total',
  alertmanager_notifications_failed_total: 'failed',
  alertmanager_notification_requests_total: 'requestsTotal',
  alertmanager_notification_requests_failed_total: 'requestsFailed',
};

/** `{a="x",b="y \"q\""}` -> { a: 'x', b: 'y "q"' }. */
function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  return out;
}

const keyOf = (integration: string, receiver: string | undefined) => `${integration}\u0000${receiver ?? ''}`;

/** The notification counters in a /metrics text, per integration (and receiver), sorted. */
export function parseNotifyMetrics(text: string): NotifyCounters[] {
  const byKey = new Map<string, NotifyCounters>();
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (!l.startsWith('alertmanager_notification')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(l);
    if (!m) continue;
    const field = FIELD[m[1]!];
    if (!field) continue;
    const value = Number(m[3]);
    if (!Number.isFinite(value)) continue;
    const labels = m[2] ? parseLabels(m[2].slice(1, -1)) : {};
    const integration = labels.integration ?? '';
    const receiver = labels.receiver_name || undefined;
    const k = keyOf(integration, receiver);
    let c = byKey.get(k);
    if (!c) {
      c = { integration, ...(receiver ? { receiver } : {}), total: 0, failed: 0, requestsTotal: 0, requestsFailed: 0 };
      byKey.set(k, c);
    }
    c[field] += value;
  }
  return [...byKey.values()].sort((a, b) => a.integration.localeCompare(b.integration) || (a.receiver ?? '').localeCompare(b.receiver ?? ''));
}

interface Sample {
  at: number;
  counters: Map<string, NotifyCounters>;
}

/** The increase of a counter over consecutive samples; a value that went down restarted from 0. */
function increase(values: number[]): number {
  let sum = 0;
  for (let i = 1; i < values.length; i++) {
    const d = values[i]! - values[i - 1]!;
    sum += d >= 0 ? d : values[i]!;
  }
  return sum;
}

/** The samples of the last `windowMs` (default 10 minutes), and the recent figures over them. */
export class NotifyWindow {
  private samples: Sample[] = [];

  constructor(private readonly windowMs = 10 * 60_000) {}

  add(at: number, counters: readonly NotifyCounters[]): void {
    this.samples.push({ at, counters: new Map(counters.map((c) => [keyOf(c.integration, c.receiver), c])) });
    const floor = at - this.windowMs;
    while (this.samples.length > 1 && this.samples[0]!.at < floor) this.samples.shift();
  }

  clear(): void {
    this.samples = [];
  }

  /** Each integration (and receiver) of the newest sample, with its increase over the samples kept. */
  stats(now: number): NotifyStats[] {
    const last = this.samples[this.samples.length - 1];
    if (!last) return [];
    const first = this.samples[0]!;
    const out: NotifyStats[] = [];
    for (const [k, c] of last.counters) {
      const series = (f: keyof Pick<NotifyCounters, 'total' | 'failed' | 'requestsFailed'>) => this.samples.map((s) => s.counters.get(k)?.[f]).filter((v): v is number => v !== undefined);
      out.push({
        integration: c.integration,
        ...(c.receiver ? { receiver: c.receiver } : {}),
        total: c.total,
        failed: c.failed,
        requestsTotal: c.requestsTotal,
        requestsFailed: c.requestsFailed,
        recentTotal: increase(series('total')),
        recentFailed: increase(series('failed')),
        recentRequestsFailed: increase(series('requestsFailed')),
        recentMs: Math.max(0, last.at - first.at),
      });
    }
    return out;
  }
}
