// The parts of alertmanager.yml the simulated AlertManager acts on: the route (its receiver, group_by,
// group_wait, group_interval and one level of child routes), the receivers' names and the inhibit rules.
// Read from the Box's ConfigMap on each use, so an edited ConfigMap is what the next request sees.
import { parse } from 'yaml';
import { parseMatcher } from '../../../alerts/matchers.js';
import type { SilenceMatcher } from '../../../store/alerts-slice.js';

export interface RouteConfig {
  receiver: string;
  /** Label names, or ['...'] for every label. */
  groupBy: string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  matchers: SilenceMatcher[];
  routes: RouteConfig[];
}

export interface InhibitRule {
  source: SilenceMatcher[];
  target: SilenceMatcher[];
  equal: string[];
}

export interface AmConfig {
  route: RouteConfig;
  receivers: string[];
  inhibitRules: InhibitRule[];
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** A Prometheus duration ("30s", "5m", "1h30m") in ms; `fallback` when absent or malformed. */
export function parseDuration(text: unknown, fallback: number): number {
  if (typeof text !== 'string' || !text) return fallback;
  let total = 0;
  let rest = text.trim();
  while (rest) {
    const m = /^(\d+)(ms|s|m|h|d|w|y)/.exec(rest);
    if (!m) return fallback;
    total += Number(m[1]) * UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return total;
}

function matchersOf(list: unknown, legacy: unknown): SilenceMatcher[] {
  const out: SilenceMatcher[] = [];
  if (Array.isArray(list)) for (const m of list) if (typeof m === 'string') out.push(parseMatcher(m));
  if (legacy && typeof legacy === 'object') {
    for (const [name, value] of Object.entries(legacy as Record<string, unknown>)) out.push({ name, value: String(value), isRegex: false, isEqual: true });
  }
  return out;
}

function route(raw: any, parent?: RouteConfig): RouteConfig {
  const r = raw && typeof raw === 'object' ? raw : {};
  const self: RouteConfig = {
    receiver: typeof r.receiver === 'string' ? r.receiver : (parent?.receiver ?? ''),
    groupBy: Array.isArray(r.group_by) ? r.group_by.map(String) : (parent?.groupBy ?? []),
    groupWaitMs: parseDuration(r.group_wait, parent?.groupWaitMs ?? 30_000),
    groupIntervalMs: parseDuration(r.group_interval, parent?.groupIntervalMs ?? 5 * 60_000),
    matchers: [...matchersOf(r.matchers, r.match)],
    routes: [],
  };
  self.routes = Array.isArray(r.routes) ? r.routes.map((c: unknown) => route(c, self)) : [];
  return self;
}

/** The config, or a bare one routing everything to one receiver when the text cannot be read. */
export function parseAmConfig(text: string): AmConfig {
  let doc: any;
  try {
    doc = parse(text) ?? {};
  } catch {
    doc = {};
  }
  const receivers = Array.isArray(doc.receivers) ? doc.receivers.map((r: any) => String(r?.name ?? '')).filter(Boolean) : [];
  const inhibitRules: InhibitRule[] = [];
  for (const r of Array.isArray(doc.inhibit_rules) ? doc.inhibit_rules : []) {
    try {
      inhibitRules.push({ source: matchersOf(r.source_matchers, r.source_match), target: matchersOf(r.target_matchers, r.target_match), equal: Array.isArray(r.equal) ? r.equal.map(String) : [] });
    } catch {
      // a rule whose matchers do not parse inhibits nothing, as AlertManager refuses such a config
    }
  }
  const top = route(doc.route);
  if (!top.receiver) top.receiver = receivers[0] ?? 'default';
  return { route: top, receivers: receivers.length ? receivers : [top.receiver], inhibitRules };
}
