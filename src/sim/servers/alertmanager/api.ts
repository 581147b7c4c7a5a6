// The AlertManager API v2 routes (ops-apis.md §7.1) over the simulated AlertManager's state, as replies:
// JSON bodies in AlertManager's shapes, its refusals (a JSON string for its own checks, go-swagger's
// {code, message} for malformed requests), and Grafana's variants for the mirror under
// /api/alertmanager/grafana/api/v2/ (202 on a new silence, cluster disabled, versions N/A).
import { MatcherError, matchesAll, parseMatchers } from '../../../alerts/matchers.js';
import type { SilenceMatcher } from '../../../store/alerts-slice.js';
import type { AlertStore, RoutedAlert } from './alerts.js';
import type { AmConfig } from './config.js';
import { REVISION } from './metrics.js';
import { groupLabels } from './notify.js';
import { ApiRefusal, type Silence, type Silences, silenceState } from './silences.js';

export type Flavour = 'alertmanager' | 'grafana';

export interface AmState {
  alerts: AlertStore;
  silences: Silences;
  config(): AmConfig;
  /** alertmanager.yml as the Box holds it. */
  configText(): string;
  /** When this AlertManager started (ms epoch). */
  startedAt: number;
  /** The peer name of this single-replica cluster. */
  peerName: string;
}

export interface Reply {
  status: number;
  /** A JSON body; undefined: an empty body. */
  json?: unknown;
}

export const VERSION = '0.27.0';

const iso = (ms: number) => new Date(ms).toISOString();

function bool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === '') return true;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new ApiRefusal(400, { code: 400, message: `${name} in query must be of type boolean: ${JSON.stringify(v)}` });
}

function filters(q: URLSearchParams): SilenceMatcher[] {
  try {
    return q.getAll('filter').filter((f) => f.trim()).flatMap((f) => parseMatchers([f]));
  } catch (err) {
    if (err instanceof MatcherError) throw new ApiRefusal(400, `bad matcher format: ${err.message}`);
    throw err;
  }
}

function receiverRegex(q: URLSearchParams): RegExp | undefined {
  const r = q.get('receiver');
  if (!r) return undefined;
  try {
    return new RegExp(`^(?:${r})$`);
  } catch (err) {
    throw new ApiRefusal(400, `failed to parse receiver param: error parsing regexp: ${(err as Error).message}`);
  }
}

export function gettableAlert(r: RoutedAlert): Record<string, unknown> {
  const a = r.alert;
  return {
    annotations: a.annotations,
    endsAt: iso(a.endsAt),
    fingerprint: a.fingerprint,
    receivers: [{ name: r.receiver }],
    startsAt: iso(a.startsAt),
    status: { inhibitedBy: r.status.inhibitedBy, silencedBy: r.status.silencedBy, state: r.status.state },
    updatedAt: iso(a.updatedAt),
    ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
    labels: a.labels,
  };
}

function gettableSilence(s: Silence, now: number): Record<string, unknown> {
  return {
    id: s.id,
    status: { state: silenceState(s, now) },
    updatedAt: iso(s.updatedAt),
    comment: s.comment,
    createdBy: s.createdBy,
    endsAt: iso(s.endsAt),
    matchers: s.matchers.map((m) => ({ isEqual: m.isEqual, isRegex: m.isRegex, name: m.name, value: m.value })),
    startsAt: iso(s.startsAt),
  };
}

/** The alerts a GET /alerts or /alerts/groups selects (active, silenced, inhibited, unprocessed, filter, receiver). */
function selected(state: AmState, q: URLSearchParams, now: number): RoutedAlert[] {
  const active = bool(q, 'active');
  const silenced = bool(q, 'silenced');
  const inhibited = bool(q, 'inhibited');
  const unprocessed = bool(q, 'unprocessed');
  const matchers = filters(q);
  const receiver = receiverRegex(q);
  return state.alerts.routed(state.config(), now).filter((r) => {
    if (receiver && !receiver.test(r.receiver)) return false;
    if (!active && r.status.state === 'active') return false;
    if (!unprocessed && r.status.state === 'unprocessed') return false;
    if (!silenced && r.status.silencedBy.length) return false;
    if (!inhibited && r.status.inhibitedBy.length) return false;
    return matchesAll(matchers, r.alert.labels);
  });
}

/** model.LabelSet.Before: fewer labels first, then by sorted names and values. */
function labelSetBefore(a: Record<string, string>, b: Record<string, string>): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length) return ka.length - kb.length;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    const va = a[ka[i]!]!;
    const vb = b[kb[i]!]!;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return 0;
}

/** types.AlertSlice: by job, then instance (an alert with one first), then the label sets. */
function alertOrder(a: RoutedAlert, b: RoutedAlert): number {
  for (const key of ['job', 'instance']) {
    const va = a.alert.labels[key];
    const vb = b.alert.labels[key];
    if (va === undefined && vb === undefined) continue;
    if (va === undefined) return 1;
    if (vb === undefined) return -1;
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return labelSetBefore(a.alert.labels, b.alert.labels);
}

function groups(state: AmState, q: URLSearchParams, now: number): unknown[] {
  bool(q, 'muted');
  const byKey = new Map<string, { labels: Record<string, string>; receiver: string; alerts: RoutedAlert[] }>();
  for (const r of selected(state, q, now)) {
    const labels = groupLabels(r);
    const key = JSON.stringify([r.receiver, Object.entries(labels).sort()]);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { labels, receiver: r.receiver, alerts: [] }));
    g.alerts.push(r);
  }
  return [...byKey.values()]
    .sort((a, b) => labelSetBefore(a.labels, b.labels) || (a.receiver < b.receiver ? -1 : a.receiver > b.receiver ? 1 : 0))
    .map((g) => ({ alerts: g.alerts.sort(alertOrder).map(gettableAlert), labels: g.labels, receiver: { name: g.receiver } }));
}

function status(state: AmState, flavour: Flavour): unknown {
  if (flavour === 'grafana') {
    const na = 'N/A';
    return { cluster: { peers: [], status: 'disabled' }, config: { original: state.configText() }, uptime: iso(state.startedAt), versionInfo: { branch: na, buildDate: na, buildUser: na, goVersion: na, revision: na, version: na } };
  }
  return {
    cluster: { name: state.peerName, peers: [{ address: '10.42.0.23:9094', name: state.peerName }], status: 'ready' },
    config: { original: state.configText() },
    uptime: iso(state.startedAt),
    versionInfo: { branch: 'HEAD', buildDate: '20240228-11:51:20', buildUser: 'root@22cd11f671e9', goVersion: 'go1.21.7', revision: REVISION, version: VERSION },
  };
}

function parseBody(raw: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new ApiRefusal(400, { code: 400, message: `parsing ${what} body from "" failed, because ${(err as Error).message}` });
  }
}

const SILENCE_PATH = /^\/silence\/([^/]+)$/;

/** One request under /api/v2 (`path` is what follows it). */
export function handleV2(state: AmState, flavour: Flavour, method: string, path: string, q: URLSearchParams, body: string, now: number): Reply {
  try {
    const get = method === 'GET' || method === 'HEAD';
    if (path === '/alerts' && get) return { status: 200, json: selected(state, q, now).map(gettableAlert) };
    if (path === '/alerts' && method === 'POST') {
      state.alerts.post(parseBody(body, 'alerts'), now);
      return { status: 200 };
    }
    if (path === '/alerts/groups' && get) return { status: 200, json: groups(state, q, now) };
    if (path === '/silences' && get) return { status: 200, json: state.silences.list(filters(q), now).map((s) => gettableSilence(s, now)) };
    if (path === '/silences' && method === 'POST') {
      const id = state.silences.post(parseBody(body, 'silence'), now);
      return flavour === 'grafana' ? { status: 202, json: { message: 'silence created', silenceID: id } } : { status: 200, json: { silenceID: id } };
    }
    const sil = SILENCE_PATH.exec(path);
    if (sil && get) {
      const s = state.silences.get(decodeURIComponent(sil[1]!));
      return s ? { status: 200, json: gettableSilence(s, now) } : { status: 404 };
    }
    if (sil && method === 'DELETE') {
      const ok = state.silences.expire(decodeURIComponent(sil[1]!), now);
      if (!ok) return { status: 404 };
      return flavour === 'grafana' ? { status: 200, json: { message: 'silence deleted' } } : { status: 200 };
    }
    if (path === '/status' && get) return { status: 200, json: status(state, flavour) };
    if (path === '/receivers' && get) return { status: 200, json: state.config().receivers.map((name) => ({ name })) };
    const known = ['/alerts', '/alerts/groups', '/silences', '/status', '/receivers'].includes(path) || !!sil;
    if (known) return { status: 405, json: { code: 405, message: `method ${method} is not allowed, but [${allowed(path, !!sil)}] are` } };
    return { status: 404, json: { code: 404, message: `path /api/v2${path} was not found` } };
  } catch (err) {
    if (err instanceof ApiRefusal) return { status: err.status, json: err.body };
    throw err;
  }
}

function allowed(path: string, silence: boolean): string {
  if (silence) return 'DELETE,GET';
  return path === '/alerts' || path === '/silences' ? 'GET,POST' : 'GET';
}
