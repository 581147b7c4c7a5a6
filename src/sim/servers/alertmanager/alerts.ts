// The simulated AlertManager's alerts: what the Box's Prometheus sends (box.alerts) merged with what clients
// POST to /api/v2/alerts (amtool alert add), each routed to its receiver and given its status: silenced by
// the active silences that match it, inhibited by the config's inhibit rules, otherwise active.
import { matchesAll } from '../../../alerts/matchers.js';
import type { BoxAlerts, Labels, SimAlert } from '../../box/alerts.js';
import { fingerprint } from '../../box/alerts.js';
import type { AmConfig, RouteConfig } from './config.js';
import { ApiRefusal, type Silences } from './silences.js';

export interface AlertStatus {
  state: 'active' | 'suppressed' | 'unprocessed';
  silencedBy: string[];
  inhibitedBy: string[];
}

export interface RoutedAlert {
  alert: SimAlert;
  /** The receiver its route sends it to. */
  receiver: string;
  route: RouteConfig;
  status: AlertStatus;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A posted time: undefined when absent or Go's zero time (amtool sends 0001-01-01T00:00:00Z for "not set"); NaN when malformed. */
function goTime(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const ms = Date.parse(String(v));
  return Number.isFinite(ms) && new Date(ms).getUTCFullYear() <= 1 ? undefined : ms;
}

/** The route an alert takes: the first child route whose matchers match, else the parent (one level deep, no `continue`). */
export function routeOf(route: RouteConfig, labels: Labels): RouteConfig {
  for (const child of route.routes) if (matchesAll(child.matchers, labels)) return routeOf(child, labels);
  return route;
}

export class AlertStore {
  private readonly posted = new Map<string, SimAlert>();

  constructor(
    private readonly box: BoxAlerts,
    private readonly silences: Silences,
    /** AlertManager's resolve_timeout: the endsAt of a posted alert that has none. */
    private readonly resolveTimeoutMs = 5 * 60_000,
  ) {}

  /** POST /api/v2/alerts: validated as AlertManager does; every valid alert is kept even when another is refused. */
  post(body: unknown, now: number): void {
    if (!Array.isArray(body)) throw new ApiRefusal(400, { code: 400, message: 'parsing alerts body from "" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts' });
    const errors: string[] = [];
    body.forEach((raw: any, i: number) => {
      if (!raw || typeof raw !== 'object' || raw.labels === undefined || raw.labels === null) throw new ApiRefusal(422, { code: 602, message: `${i}.labels in body is required` });
      const labels: Labels = Object.fromEntries(Object.entries(raw.labels as Record<string, unknown>).filter(([, v]) => v !== '').map(([k, v]) => [k, String(v)]));
      const startsAt = goTime(raw.startsAt) ?? now;
      const endsAt = goTime(raw.endsAt) ?? Math.max(startsAt, now) + this.resolveTimeoutMs;
      const bad = Object.keys(labels).find((k) => !LABEL_NAME.test(k));
      if (!Object.keys(labels).length) return void errors.push('at least one label pair required');
      if (bad) return void errors.push(`invalid label set: invalid name "${bad}"`);
      if (!Number.isFinite(startsAt) || !Number.isFinite(endsAt)) return void errors.push('start or end time is not a valid date-time');
      if (endsAt < startsAt) return void errors.push('start time must be before end time');
      const fp = fingerprint(labels);
      const prev = this.posted.get(fp);
      const annotations: Labels = Object.fromEntries(Object.entries((raw.annotations ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const keepStart = prev && prev.endsAt >= startsAt ? Math.min(prev.startsAt, startsAt) : startsAt;
      this.posted.set(fp, { labels, annotations, generatorURL: String(raw.generatorURL ?? ''), fingerprint: fp, startsAt: keepStart, updatedAt: now, endsAt });
    });
    if (errors.length) throw new ApiRefusal(400, errors.join(';'));
  }

  /** Every alert known now (resolved ones included), Prometheus' and posted ones merged by fingerprint. */
  private merged(now: number): SimAlert[] {
    const byFp = new Map<string, SimAlert>();
    for (const a of this.box.current()) byFp.set(a.fingerprint, a);
    for (const [fp, p] of this.posted) {
      // a posted alert resolved a while ago is forgotten, as AlertManager's GC does
      if (p.endsAt < now - 15 * 60_000) {
        this.posted.delete(fp);
        continue;
      }
      const a = byFp.get(fp);
      byFp.set(fp, a ? { ...a, annotations: { ...a.annotations, ...p.annotations }, startsAt: Math.min(a.startsAt, p.startsAt), updatedAt: Math.max(a.updatedAt, p.updatedAt), endsAt: Math.max(a.endsAt, p.endsAt) } : p);
    }
    return [...byFp.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  }

  /** Alerts with their receiver and status. `withResolved`: also those whose endsAt has passed (the API leaves them out). */
  routed(config: AmConfig, now: number, withResolved = false): RoutedAlert[] {
    const all = this.merged(now);
    const firing = all.filter((a) => a.endsAt > now);
    const out: RoutedAlert[] = [];
    for (const alert of withResolved ? all : firing) {
      const route = routeOf(config.route, alert.labels);
      const silencedBy = alert.endsAt > now ? this.silences.silencing(alert.labels, now) : [];
      const inhibitedBy = alert.endsAt > now ? inhibitors(config, alert, firing) : [];
      out.push({ alert, receiver: route.receiver, route, status: { state: silencedBy.length || inhibitedBy.length ? 'suppressed' : 'active', silencedBy, inhibitedBy } });
    }
    return out;
  }
}

/** The fingerprints of the firing alerts that inhibit `target` under the config's inhibit rules. */
function inhibitors(config: AmConfig, target: SimAlert, firing: SimAlert[]): string[] {
  const out = new Set<string>();
  for (const rule of config.inhibitRules) {
    if (!matchesAll(rule.target, target.labels)) continue;
    for (const source of firing) {
      if (source.fingerprint === target.fingerprint || !matchesAll(rule.source, source.labels)) continue;
      if (rule.equal.every((l) => (source.labels[l] ?? '') === (target.labels[l] ?? ''))) out.add(source.fingerprint);
    }
  }
  return [...out].sort();
}
