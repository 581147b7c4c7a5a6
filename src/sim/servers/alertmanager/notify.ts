// AlertManager's notification pipeline, simulated: on each flush every group with an unsuppressed firing
// alert is "sent" to its receiver's webhook, whose answer comes from the Box (box.alerts.receiver(): the
// matrix-alertmanager-receiver Deployment needs a ready pod and Matrix must accept the bot's token). A
// failed send is retried before it counts as failed, so requests_failed grows faster than notifications_failed,
// as in AlertManager v0.27 (notify/notify.go RetryStage). The counters are what GET /metrics shows.
import type { ReceiverAnswer } from '../../box/alerts.js';
import type { RoutedAlert } from './alerts.js';

export type FailReason = 'clientError' | 'serverError' | 'other';

export interface ReceiverCounters {
  notifications: number;
  failed: Record<FailReason, number>;
  requests: number;
  requestsFailed: number;
}

/** Attempts of one failed notification (the first try and its retries within the group interval). */
const ATTEMPTS_PER_FAILURE = 3;

const zero = (): ReceiverCounters => ({ notifications: 0, failed: { clientError: 0, other: 0, serverError: 0 }, requests: 0, requestsFailed: 0 });

/** The group key of an alert: its receiver and the values of its route's group_by labels. */
export function groupLabels(r: RoutedAlert): Record<string, string> {
  const by = r.route.groupBy;
  if (by.includes('...')) return { ...r.alert.labels };
  return Object.fromEntries(by.filter((l) => r.alert.labels[l] !== undefined).map((l) => [l, r.alert.labels[l]!]));
}

export class Notifier {
  private readonly counters = new Map<string, ReceiverCounters>();

  constructor(receivers: readonly string[], answer: ReceiverAnswer) {
    // an AlertManager that has run for weeks: what it sent before the simulator started
    for (const name of receivers) {
      const c = zero();
      c.notifications = c.requests = 1_742;
      if (answer !== 'ok') {
        const failures = 4;
        c.notifications += failures;
        c.failed[answer === 'serverError' ? 'serverError' : 'other'] += failures;
        c.requests += failures * ATTEMPTS_PER_FAILURE;
        c.requestsFailed += failures * ATTEMPTS_PER_FAILURE;
      }
      this.counters.set(name, c);
    }
  }

  private of(receiver: string): ReceiverCounters {
    let c = this.counters.get(receiver);
    if (!c) this.counters.set(receiver, (c = zero()));
    return c;
  }

  /** One flush: each group with an unsuppressed firing alert is sent once; returns how many notifications were sent. */
  flush(alerts: RoutedAlert[], now: number, answer: ReceiverAnswer): number {
    const groups = new Set<string>();
    for (const r of alerts) {
      if (r.alert.endsAt <= now || r.status.state !== 'active') continue;
      groups.add(JSON.stringify([r.receiver, groupLabels(r)]));
    }
    for (const key of groups) {
      const [receiver] = JSON.parse(key) as [string];
      const c = this.of(receiver);
      c.notifications++;
      if (answer === 'ok') {
        c.requests++;
        continue;
      }
      c.failed[answer === 'serverError' ? 'serverError' : 'other']++;
      c.requests += ATTEMPTS_PER_FAILURE;
      c.requestsFailed += ATTEMPTS_PER_FAILURE;
    }
    return groups.size;
  }

  snapshot(): Map<string, ReceiverCounters> {
    return new Map([...this.counters].map(([k, v]) => [k, { ...v, failed: { ...v.failed } }]));
  }
}
