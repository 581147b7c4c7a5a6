// Pure mappers from what AlertManager API v2 answers to the alerts slice's records: gettableAlert ->
// AlertRecord (its `suppressed` state split as amtool and karma show it: silencedBy -> 'silenced', else
// inhibitedBy -> 'inhibited'), gettableSilence -> SilenceRecord, and the receivers of its configuration
// (GET /api/v2/status config.original, YAML: receivers[].webhook_configs[].url). Anything malformed is
// skipped or defaulted, never thrown: one odd alert does not hide the others.
import { parse as parseYaml } from 'yaml';
import type { AlertRecord, AlertState, ReceiverRecord, SilenceMatcher, SilenceRecord } from '../../store/alerts-slice.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function stateOf(status: Obj, silencedBy: string[], inhibitedBy: string[]): AlertState {
  const s = str(status.state);
  if (s === 'suppressed') return silencedBy.length ? 'silenced' : inhibitedBy.length ? 'inhibited' : 'silenced';
  if (s === 'unprocessed') return 'unprocessed';
  return 'active';
}

/** One gettableAlert; undefined when it has no fingerprint or labels. */
export function alertRecord(raw: unknown): AlertRecord | undefined {
  if (!isObj(raw)) return undefined;
  const fingerprint = str(raw.fingerprint);
  if (!fingerprint || !isObj(raw.labels)) return undefined;
  const labels = stringMap(raw.labels);
  const status = isObj(raw.status) ? raw.status : {};
  const silencedBy = strings(status.silencedBy);
  const inhibitedBy = strings(status.inhibitedBy);
  const rec: AlertRecord = {
    fingerprint,
    alertname: labels.alertname ?? '',
    severity: (labels.severity ?? 'none').toLowerCase(),
    labels,
    annotations: stringMap(raw.annotations),
    state: stateOf(status, silencedBy, inhibitedBy),
    silencedBy,
    inhibitedBy,
    startsAt: str(raw.startsAt) ?? '',
    receivers: Array.isArray(raw.receivers) ? raw.receivers.map((r) => (isObj(r) ? str(r.name) : undefined)).filter((n): n is string => !!n) : [],
  };
  const endsAt = str(raw.endsAt);
  if (endsAt) rec.endsAt = endsAt;
  const updatedAt = str(raw.updatedAt);
  if (updatedAt) rec.updatedAt = updatedAt;
  const gen = str(raw.generatorURL);
  if (gen) rec.generatorURL = gen;
  return rec;
}

/** Where an alert points, for one line: namespace/pod (or service, job, instance), or the instance: "data/postgres-1". */
export function alertTarget(a: Pick<AlertRecord, 'labels'>): string {
  const l = a.labels;
  const where = l.namespace ? `${l.namespace}/${l.pod ?? l.service ?? l.job ?? l.instance ?? ''}` : (l.instance ?? '');
  return where.replace(/\/$/, '');
}

/** Every alert that maps, sorted by fingerprint (a stable order, whatever order the server answers in). */
export function alertRecords(raw: readonly unknown[]): AlertRecord[] {
  return raw
    .map(alertRecord)
    .filter((a): a is AlertRecord => !!a)
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

function matcherOf(raw: unknown): SilenceMatcher | undefined {
  if (!isObj(raw) || typeof raw.name !== 'string' || typeof raw.value !== 'string') return undefined;
  return { name: raw.name, value: raw.value, isRegex: raw.isRegex === true, isEqual: raw.isEqual !== false };
}

const SILENCE_STATES = new Set(['active', 'pending', 'expired']);

/** One gettableSilence; undefined without an id. */
export function silenceRecord(raw: unknown): SilenceRecord | undefined {
  if (!isObj(raw)) return undefined;
  const id = str(raw.id);
  if (!id) return undefined;
  const st = isObj(raw.status) ? str(raw.status.state) : undefined;
  const rec: SilenceRecord = {
    id,
    matchers: Array.isArray(raw.matchers) ? raw.matchers.map(matcherOf).filter((m): m is SilenceMatcher => !!m) : [],
    state: st && SILENCE_STATES.has(st) ? (st as SilenceRecord['state']) : 'active',
    createdBy: str(raw.createdBy) ?? '',
    comment: str(raw.comment) ?? '',
    startsAt: str(raw.startsAt) ?? '',
    endsAt: str(raw.endsAt) ?? '',
  };
  const updatedAt = str(raw.updatedAt);
  if (updatedAt) rec.updatedAt = updatedAt;
  return rec;
}

const STATE_ORDER: Record<SilenceRecord['state'], number> = { active: 0, pending: 1, expired: 2 };

/** Every silence that maps: active first, then pending, then expired; within each the one ending first. */
export function silenceRecords(raw: readonly unknown[]): SilenceRecord[] {
  return raw
    .map(silenceRecord)
    .filter((s): s is SilenceRecord => !!s)
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.endsAt.localeCompare(b.endsAt) || a.id.localeCompare(b.id));
}

/**
 * The receivers of AlertManager's configuration, from GET /api/v2/status (config.original is the loaded config
 * as YAML). A webhook URL AlertManager hides prints as <secret>; it is kept so (the pane can say it is hidden).
 * Grafana's status has no usable config: [].
 */
export function receiverRecords(status: unknown): ReceiverRecord[] {
  const original = isObj(status) && isObj(status.config) ? str(status.config.original) : undefined;
  if (!original) return [];
  let doc: unknown;
  try {
    doc = parseYaml(original);
  } catch {
    return [];
  }
  if (!isObj(doc) || !Array.isArray(doc.receivers)) return [];
  const out: ReceiverRecord[] = [];
  for (const r of doc.receivers) {
    if (!isObj(r) || typeof r.name !== 'string') continue;
    const hooks = Array.isArray(r.webhook_configs) ? r.webhook_configs : [];
    out.push({ name: r.name, webhookUrls: hooks.map((h) => (isObj(h) ? str(h.url) ?? (h.url_file ? '<url_file>' : undefined) : undefined)).filter((u): u is string => !!u) });
  }
  return out;
}

/** versionInfo.version and cluster.status from GET /api/v2/status (Grafana says "N/A" and "disabled"). */
export function statusFacts(status: unknown): { version?: string; cluster?: string } {
  const out: { version?: string; cluster?: string } = {};
  if (!isObj(status)) return out;
  const version = isObj(status.versionInfo) ? str(status.versionInfo.version) : undefined;
  if (version) out.version = version;
  const cluster = isObj(status.cluster) ? str(status.cluster.status) : undefined;
  if (cluster) out.cluster = cluster;
  return out;
}
