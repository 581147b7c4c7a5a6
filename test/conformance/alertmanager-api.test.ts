// The simulated AlertManager against clients nobody here wrote: the real amtool (alert query, alert add,
// silence add/query/expire), and side by side with a real prometheus-alertmanager started on a temporary
// directory and a free loopback port: the same alerts posted to both give the same JSON shapes. The Grafana
// mirror needs its bearer token; the alerts-not-reaching-matrix drill's notifications fail, the healthy Box's do not.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from '../../src/sim/index.js';
import { startRealAlertmanager, type RealAlertmanager } from '../helpers/real-alertmanager.js';
import { waitFor } from '../helpers/wait-for.js';

const AMTOOL = '/usr/bin/amtool';
const REAL_AM = '/usr/bin/prometheus-alertmanager';

interface Reply {
  status: number;
  type: string;
  text: string;
  json: any;
}

async function http(base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const res = await fetch(new URL(path, base), {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

function amtool(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AMTOOL, [`--alertmanager.url=${url}`, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function amtoolOk(url: string, args: string[]): Promise<string> {
  const r = await amtool(url, args);
  expect(r.code, `amtool ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The keys and value types of a JSON value, recursively (arrays by their first element). */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, shape(x)]));
  return typeof v;
}

const hasAmtool = existsSync(AMTOOL);
const sims: SimHandle[] = [];
const reals: RealAlertmanager[] = [];

afterAll(async () => {
  await Promise.all(reals.map((r) => r.stop()));
  await Promise.all(sims.map((s) => s.stop()));
});

describe.skipIf(!hasAmtool)('the simulated AlertManager v2 API (postgres-down), with the real amtool', () => {
  let sim: SimHandle;
  let am: string;

  beforeAll(async () => {
    sim = await startSim({ scenario: 'postgres-down' });
    sims.push(sim);
    am = sim.env.ALERTMANAGER_URL!;
  });

  it('serves plain HTTP on loopback as ALERTMANAGER_URL; /-/healthy and /-/ready answer OK', async () => {
    expect(am).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.alertmanager.url).toBe(am);
    for (const p of ['/-/healthy', '/-/ready']) {
      const r = await http(am, p);
      expect([r.status, r.text]).toEqual([200, 'OK']);
      expect((await http(am, p, { method: 'HEAD' })).status).toBe(200);
    }
  });

  it('amtool alert query -o json lists the drill\'s firing alerts with AlertManager\'s fields', async () => {
    const alerts = JSON.parse(await amtoolOk(am, ['alert', 'query', '-o', 'json']));
    const names = new Set(alerts.map((a: any) => a.labels.alertname));
    expect(names).toEqual(new Set(['Watchdog', 'CNPGClusterOffline', 'KubePodCrashLooping', 'KubePodNotReady']));
    const offline = alerts.find((a: any) => a.labels.alertname === 'CNPGClusterOffline');
    expect(offline).toMatchObject({
      labels: { alertname: 'CNPGClusterOffline', namespace: 'data', severity: 'critical', cnpg_cluster: 'postgres' },
      annotations: { summary: expect.any(String), description: expect.any(String), runbook_url: expect.any(String) },
      receivers: [{ name: 'matrix' }],
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
      generatorURL: expect.stringMatching(/^http:\/\/prometheus\.monitoring\.svc:9090\/graph\?g0\.expr=/),
    });
    // stable across polls
    const again = (await http(am, '/api/v2/alerts')).json.find((a: any) => a.labels.alertname === 'CNPGClusterOffline');
    expect([again.fingerprint, again.startsAt]).toEqual([offline.fingerprint, offline.startsAt]);
    expect(Date.parse(again.endsAt)).toBeGreaterThan(Date.now() + 3 * 60_000);
  });

  it('filters: repeatable filter, receiver regex, active=false, and a bad matcher is a 400 JSON string', async () => {
    const two = await http(am, '/api/v2/alerts?filter=namespace%3D%22data%22&filter=alertname%3D~%22CNPG.*%22');
    expect(two.json.map((a: any) => a.labels.alertname)).toEqual(['CNPGClusterOffline']);
    expect((await http(am, '/api/v2/alerts?receiver=nobody')).json).toEqual([]);
    expect((await http(am, '/api/v2/alerts?receiver=mat.*')).json.length).toBeGreaterThan(1);
    expect((await http(am, '/api/v2/alerts?active=false')).json).toEqual([]);
    const bad = await http(am, '/api/v2/alerts?filter=%3D%3Dx');
    expect(bad.status).toBe(400);
    expect(typeof bad.json).toBe('string');
    const groups = (await http(am, '/api/v2/alerts/groups')).json;
    const crash = groups.find((g: any) => g.labels.alertname === 'KubePodCrashLooping' && g.labels.namespace === 'messages');
    expect(crash).toMatchObject({ labels: { alertname: 'KubePodCrashLooping', namespace: 'messages' }, receiver: { name: 'matrix' } });
    expect(crash.alerts.length).toBeGreaterThan(0);
    // sorted as AlertManager sorts its groups: by their label sets
    expect(groups.map((x: any) => x.labels.alertname)).toEqual([...groups.map((x: any) => x.labels.alertname)].sort());
  });

  it('amtool silence add silences (suppressed, silencedBy), silence query lists it, silence expire leaves it listed as expired', async () => {
    const id = (await amtoolOk(am, ['silence', 'add', 'alertname=CNPGClusterOffline', 'namespace=data', '--duration=1h', '--comment=drill: restarting the cluster', '--author=oncall'])).trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const silenced = (await http(am, '/api/v2/alerts?filter=alertname%3DCNPGClusterOffline')).json[0];
    expect(silenced.status).toEqual({ state: 'suppressed', silencedBy: [id], inhibitedBy: [] });
    expect((await http(am, '/api/v2/alerts?silenced=false&filter=alertname%3DCNPGClusterOffline')).json).toEqual([]);
    const queried = JSON.parse(await amtoolOk(am, ['silence', 'query', '-o', 'json']));
    expect(queried).toEqual([expect.objectContaining({ id, createdBy: 'oncall', comment: 'drill: restarting the cluster', status: { state: 'active' } })]);
    expect(JSON.parse(await amtoolOk(am, ['silence', 'query', '-o', 'json', 'alertname=CNPGClusterOffline']))).toHaveLength(1);
    expect(JSON.parse(await amtoolOk(am, ['silence', 'query', '-o', 'json', 'alertname=Other']))).toEqual([]);
    expect((await http(am, `/api/v2/silence/${id}`)).json).toMatchObject({ id, matchers: [{ name: 'alertname', value: 'CNPGClusterOffline', isRegex: false, isEqual: true }, { name: 'namespace', value: 'data', isRegex: false, isEqual: true }] });
    await amtoolOk(am, ['silence', 'expire', id]);
    expect((await http(am, `/api/v2/silence/${id}`)).json.status.state).toBe('expired');
    expect(JSON.parse(await amtoolOk(am, ['silence', 'query', '-o', 'json', '--expired'])).map((s: any) => s.id)).toContain(id);
    expect((await http(am, '/api/v2/alerts?filter=alertname%3DCNPGClusterOffline')).json[0].status.state).toBe('active');
    const unknown = await http(am, '/api/v2/silence/00000000-0000-0000-0000-000000000000', { method: 'DELETE' });
    expect(unknown.status).toBe(404);
  });

  it('POST /api/v2/silences: validation refusals are 400 JSON strings; an id updates in place; an unknown id is 404', async () => {
    const now = Date.now();
    const base = { matchers: [{ name: 'alertname', value: 'Watchdog', isRegex: false }], createdBy: 't', comment: 'c' };
    const backwards = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, startsAt: new Date(now + 60_000).toISOString(), endsAt: new Date(now).toISOString() } });
    expect([backwards.status, backwards.json]).toEqual([400, 'Failed to create silence: start time must be before end time']);
    const past = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now - 1_800_000).toISOString() } });
    expect([past.status, past.json]).toEqual([400, "Failed to create silence: end time can't be in the past"]);
    const empty = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, matchers: [{ name: 'a', value: '', isRegex: false }], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() } });
    expect([empty.status, empty.json]).toEqual([400, 'silence invalid: at least one matcher must not match the empty string']);
    const made = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() } });
    expect(made.status).toBe(200);
    const id = made.json.silenceID;
    const updated = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, id, comment: 'longer', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 7_200_000).toISOString() } });
    expect(updated.json).toEqual({ silenceID: id });
    expect((await http(am, `/api/v2/silence/${id}`)).json.comment).toBe('longer');
    const missing = await http(am, '/api/v2/silences', { method: 'POST', body: { ...base, id: '00000000-0000-0000-0000-000000000000', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() } });
    expect(missing.status).toBe(404);
    expect((await http(am, `/api/v2/silence/${id}`, { method: 'DELETE' })).status).toBe(200);
  });

  it('amtool alert add posts an alert that alert query then shows', async () => {
    await amtoolOk(am, ['alert', 'add', 'DrillTest', 'severity=warning', 'namespace=messages', '--annotation=summary=posted by amtool']);
    const found = JSON.parse(await amtoolOk(am, ['alert', 'query', '-o', 'json', 'alertname=DrillTest']));
    expect(found).toEqual([expect.objectContaining({ labels: { alertname: 'DrillTest', severity: 'warning', namespace: 'messages' }, annotations: { summary: 'posted by amtool' }, status: expect.objectContaining({ state: 'active' }) })]);
    const refused = await http(am, '/api/v2/alerts', { method: 'POST', body: [{ labels: {} }] });
    expect([refused.status, refused.json]).toEqual([400, 'at least one label pair required']);
  });

  it('status: version 0.27.0, the Box\'s alertmanager.yml, the cluster, uptime; receivers', async () => {
    const st = (await http(am, '/api/v2/status')).json;
    expect(st.versionInfo.version).toBe('0.27.0');
    expect(st.config.original).toBe(sim.store.get('configmaps', 'monitoring', 'alertmanager-config')!.data['alertmanager.yml']);
    expect(st.cluster.status).toBe('ready');
    expect(Date.parse(st.uptime)).toBeLessThanOrEqual(Date.now());
    expect((await http(am, '/api/v2/receivers')).json).toEqual([{ name: 'matrix' }]);
    expect(JSON.parse(await amtoolOk(am, ['config', 'show', '-o', 'json'])).config.original).toContain('receiver: matrix');
  });

  it('Grafana\'s mirror: 401 without the bearer token, the same alerts with it, 202 on a new silence, cluster disabled', async () => {
    const g = '/api/alertmanager/grafana/api/v2';
    expect((await http(am, `${g}/alerts`)).status).toBe(401);
    expect((await http(am, `${g}/alerts`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    const auth = { Authorization: `Bearer ${sim.alertmanager.grafanaToken}` };
    const mirror = await http(am, `${g}/alerts`, { headers: auth });
    expect(mirror.status).toBe(200);
    const direct = (await http(am, '/api/v2/alerts')).json;
    expect(mirror.json.map((a: any) => a.fingerprint)).toEqual(direct.map((a: any) => a.fingerprint));
    const now = Date.now();
    const made = await http(am, `${g}/silences`, { method: 'POST', headers: auth, body: { matchers: [{ name: 'alertname', value: 'Watchdog', isRegex: false, isEqual: true }], startsAt: new Date(now).toISOString(), endsAt: new Date(now + 60_000).toISOString(), createdBy: 'grafana', comment: 'c' } });
    expect(made.status).toBe(202);
    expect(made.json.silenceID).toMatch(/^[0-9a-f-]{36}$/);
    expect((await http(am, `${g}/silence/${made.json.silenceID}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await http(am, `${g}/status`, { headers: auth })).json.cluster.status).toBe('disabled');
    expect(sim.env).not.toHaveProperty('GRAFANA_TOKEN');
    expect(JSON.stringify(sim.env)).not.toContain(sim.alertmanager.grafanaToken);
  });

  it('GET /metrics: the text format with the webhook notification counters and the alerts by state', async () => {
    const r = await http(am, '/metrics');
    expect(r.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.text).toMatch(/^alertmanager_notifications_total\{integration="webhook",receiver_name="matrix"\} \d+$/m);
    expect(r.text).toMatch(/^alertmanager_notifications_failed_total\{integration="webhook",reason="serverError",receiver_name="matrix"\} 0$/m);
    expect(r.text).toMatch(/^alertmanager_notification_requests_total\{integration="webhook",receiver_name="matrix"\} \d+$/m);
    expect(r.text).toMatch(/^alertmanager_notification_requests_failed_total\{integration="webhook",receiver_name="matrix"\} 0$/m);
    expect(r.text).toMatch(/^alertmanager_alerts\{state="active"\} [1-9]\d*$/m);
    expect(r.text).toMatch(/^# TYPE alertmanager_notifications_total counter$/m);
  });
});

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return Number(line?.split(' ')[1] ?? NaN);
}

describe.skipIf(!hasAmtool)('the notification pipeline to the matrix receiver', () => {
  const FAILED = ['alertmanager_notifications_failed_total', 'integration="webhook",reason="serverError",receiver_name="matrix"'] as const;
  const REQ_FAILED = ['alertmanager_notification_requests_failed_total', 'integration="webhook",receiver_name="matrix"'] as const;
  const TOTAL = ['alertmanager_notifications_total', 'integration="webhook",receiver_name="matrix"'] as const;

  it('alerts-not-reaching-matrix: notifications_failed grows (and requests_failed faster), as the group interval passes', async () => {
    const sim = await startSim({ scenario: 'alerts-not-reaching-matrix', speed: 60 });
    sims.push(sim);
    const am = sim.env.ALERTMANAGER_URL!;
    const t0 = (await http(am, '/metrics')).text;
    await waitFor(async () => metric((await http(am, '/metrics')).text, ...FAILED) > metric(t0, ...FAILED), { timeoutMs: 20_000, message: 'notifications_failed to grow' });
    const t1 = (await http(am, '/metrics')).text;
    expect(metric(t1, ...REQ_FAILED) - metric(t0, ...REQ_FAILED)).toBeGreaterThan(metric(t1, ...FAILED) - metric(t0, ...FAILED));
    const alerts = (await http(am, '/api/v2/alerts')).json.map((a: any) => a.labels.alertname);
    expect(alerts).toContain('AlertmanagerFailedToSendAlerts');
  });

  it('healthy: notifications are sent and none fails', async () => {
    const sim = await startSim({ scenario: 'healthy', speed: 60 });
    sims.push(sim);
    const am = sim.env.ALERTMANAGER_URL!;
    const t0 = (await http(am, '/metrics')).text;
    await waitFor(async () => metric((await http(am, '/metrics')).text, ...TOTAL) > metric(t0, ...TOTAL), { timeoutMs: 20_000, message: 'notifications_total to grow' });
    const t1 = (await http(am, '/metrics')).text;
    expect(metric(t1, ...FAILED)).toBe(0);
    expect(metric(t1, ...REQ_FAILED)).toBe(0);
  });
});

describe('side by side with a real prometheus-alertmanager', () => {
  const hasReal = existsSync(REAL_AM) && hasAmtool;

  it.skipIf(!hasReal)('the same alerts posted to both give the same shapes of /alerts, /alerts/groups, /silences and /status', async () => {
    const sim = await startSim({ scenario: 'healthy' });
    sims.push(sim);
    const ours = sim.env.ALERTMANAGER_URL!;
    const started = await startRealAlertmanager({ config: sim.store.get('configmaps', 'monitoring', 'alertmanager-config')!.data['alertmanager.yml'] });
    reals.push(started);
    const real = started.url;
    const post = ['alert', 'add', 'SideBySide', 'severity=warning', 'namespace=messages', 'pod=messages-0', '--annotation=summary=the same on both', '--generator-url=http://prometheus.monitoring.svc:9090/graph?g0.expr=up'];
    for (const url of [ours, real]) {
      await amtoolOk(url, post);
      await amtoolOk(url, ['silence', 'add', 'alertname=SideBySide', '--duration=1h', '--comment=side by side', '--author=test']);
    }
    const pick = async (url: string) => (await http(url, '/api/v2/alerts?filter=alertname%3DSideBySide')).json;
    await waitFor(async () => (await pick(real)).length === 1, { timeoutMs: 10_000, message: 'the real AlertManager to list the posted alert' });
    const [a, b] = [await pick(ours), await pick(real)];
    expect(shape(a)).toEqual(shape(b));
    expect(a[0].labels).toEqual(b[0].labels);
    expect(a[0].fingerprint).toBe(b[0].fingerprint);
    expect(a[0].status.state).toBe(b[0].status.state);
    const groups = async (url: string) => (await http(url, '/api/v2/alerts/groups?filter=alertname%3DSideBySide')).json;
    expect(shape(await groups(ours))).toEqual(shape(await groups(real)));
    const sil = async (url: string) => (await http(url, '/api/v2/silences')).json;
    expect(shape(await sil(ours))).toEqual(shape(await sil(real)));
    const st = async (url: string) => (await http(url, '/api/v2/status')).json;
    const [so, sr] = [await st(ours), await st(real)];
    // a real single-replica AlertManager with clustering on names itself; the real one here runs with it off
    expect(Object.keys(so).sort()).toEqual(Object.keys(sr).sort());
    expect(shape(so.versionInfo)).toEqual(shape(sr.versionInfo));
    expect(shape(so.config)).toEqual(shape(sr.config));
    expect(typeof sr.cluster.status).toBe(typeof so.cluster.status);
    for (const url of [ours, real]) {
      const bad = await http(url, '/api/v2/silences', { method: 'POST', body: { matchers: [{ name: 'a', value: 'b', isRegex: false }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() - 60_000).toISOString(), createdBy: 'x', comment: 'c' } });
      expect([bad.status, bad.json]).toEqual([400, 'Failed to create silence: start time must be before end time']);
    }
  });

  it.runIf(!existsSync(REAL_AM))('skips: prometheus-alertmanager is not installed (.ci/run installs it)', () => {
    expect(existsSync(REAL_AM)).toBe(false);
  });
});
