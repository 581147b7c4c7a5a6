// The silence actions and their writer: amtool's equivalent command lines (as amtool takes them, quoting
// included), the writer's dry run (nothing sent), its one-sentence errors (AlertManager 0.25's 500 "silence not
// found"), the preflight's "would silence" lines from the client's alerts, the one-shot's grouping (severity,
// then alertname), the error sentences per status, and that only the writer posts or deletes silences.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMatchers } from '../../src/alerts/matchers.js';
import { preflight } from '../../src/actions/preflight.js';
import { silenceAddAction, silenceExpireAction } from '../../src/actions/primitives/silence.js';
import { createAlertmanagerWriter } from '../../src/actions/writers/alertmanager.js';
import { alertsText, sortAlerts } from '../../src/cli/mon-alerts.js';
import { amtoolSilenceAdd, amtoolSilenceExpire } from '../../src/sources/alertmanager/amtool.js';
import type { AlertmanagerClient } from '../../src/sources/alertmanager/client.js';
import { AlertmanagerError, httpError, transportError } from '../../src/sources/alertmanager/errors.js';
import { alertRecords } from '../../src/sources/alertmanager/records.js';
import type { SourceClients } from '../../src/sources/source.js';

function client(over: Partial<AlertmanagerClient> = {}): AlertmanagerClient & { sent: unknown[][] } {
  const sent: unknown[][] = [];
  return {
    url: 'http://am:9093',
    flavour: 'alertmanager',
    from: 'ALERTMANAGER_URL',
    alerts: async () => [
      { fingerprint: 'a', labels: { alertname: 'PostgresDown', severity: 'critical', namespace: 'data' }, annotations: { summary: 'db down' }, startsAt: '2026-12-02T04:00:00Z', status: { state: 'active' } },
      { fingerprint: 'b', labels: { alertname: 'DiskFilling', severity: 'warning' }, annotations: {}, startsAt: '2026-12-02T03:00:00Z', status: { state: 'active' } },
    ],
    silences: async () => [],
    status: async () => ({}),
    metrics: async () => '',
    send: async (...a: unknown[]) => {
      sent.push(a);
      return { silenceID: 'new-id' };
    },
    requests: () => sent.length,
    ...over,
    sent,
  };
}

describe('amtool equivalents', () => {
  it('are the command lines amtool takes', () => {
    expect(amtoolSilenceAdd('http://am:9093', parseMatchers(['alertname=PostgresDown', 'namespace=~data|matrix']), '2h', "restoring, it's INC-42", 'oncall')).toBe(
      `amtool silence add --alertmanager.url=http://am:9093 --author=oncall --duration=2h --comment='restoring, it'\\''s INC-42' 'alertname="PostgresDown"' 'namespace=~"data|matrix"'`,
    );
    expect(amtoolSilenceExpire('http://am:9093/prefix', '5dcd6389-061c-4cf3-a9a8-ab3f69efc961')).toBe('amtool silence expire --alertmanager.url=http://am:9093/prefix 5dcd6389-061c-4cf3-a9a8-ab3f69efc961');
  });
});

describe('the AlertManager writer', () => {
  const silence = { matchers: parseMatchers(['PostgresDown']), startsAt: '2026-12-02T04:00:00Z', endsAt: '2026-12-02T05:00:00Z', createdBy: 'me', comment: 'why' };

  it('posts the silence and returns its id; a dry run sends nothing', async () => {
    const c = client();
    expect(await createAlertmanagerWriter(c, { dryRun: false }).createSilence(silence)).toEqual({ silenceID: 'new-id' });
    expect(c.sent).toEqual([['POST', '/api/v2/silences', { matchers: [{ name: 'alertname', value: 'PostgresDown', isRegex: false, isEqual: true }], startsAt: silence.startsAt, endsAt: silence.endsAt, createdBy: 'me', comment: 'why' }]]);
    const d = client();
    await createAlertmanagerWriter(d, { dryRun: true }).createSilence(silence);
    await createAlertmanagerWriter(d, { dryRun: true }).expireSilence('abc-1');
    expect(d.sent).toEqual([]);
  });

  it('refuses an empty comment, and says an unknown id in one sentence (0.25 answers 500 "silence not found")', async () => {
    await expect(createAlertmanagerWriter(client(), { dryRun: false }).createSilence({ ...silence, comment: ' ' })).rejects.toThrow('A silence needs a comment: say why (a ticket, what is being fixed).');
    const c = client({ send: async () => Promise.reject(httpError(500, '"silence not found"', { url: 'http://am:9093', flavour: 'alertmanager', from: 'ALERTMANAGER_URL', secrets: [] })) });
    await expect(createAlertmanagerWriter(c, { dryRun: false }).expireSilence('abc-1')).rejects.toThrow('AlertManager at http://am:9093 has no silence abc-1; list them with sunbeam-console mon silence query.');
  });
});

describe('the silence actions', () => {
  const clients = (c: AlertmanagerClient) => ({ alertmanager: c }) as unknown as SourceClients;

  it('silence-add: a change, the amtool command, and the alerts it would match read from AlertManager', async () => {
    const a = silenceAddAction({ url: 'http://am:9093', matchers: parseMatchers(['namespace=data']), author: 'oncall', durationMs: 3_600_000, comment: 'INC-42' });
    expect(a).toMatchObject({ id: 'silence-add', tier: 'change', confirmation: { kind: 'yes-no', default: 'no' }, params: [] });
    expect(a.steps[0]!.calls[0]!.equivalent).toEqual({ tool: 'amtool', command: `amtool silence add --alertmanager.url=http://am:9093 --author=oncall --duration=1h --comment=INC-42 'namespace="data"'` });
    expect(a.steps[0]!.verify).toBeDefined();
    const lines = await preflight(a, { clients: clients(client()) });
    expect(lines.slice(0, 2)).toEqual([
      { label: 'Matches now', value: '1 alert', level: 'info' },
      { label: 'Matches', value: 'critical PostgresDown data (active)', level: 'info' },
    ]);
    const none = await preflight(silenceAddAction({ url: 'u', matchers: parseMatchers(['Nope']), author: 'x', durationMs: 60_000, comment: 'c' }), { clients: clients(client()) });
    expect(none[0]!.level).toBe('warn');
    expect(() => silenceAddAction({ url: 'u', matchers: parseMatchers(['X']), author: 'x', durationMs: 60_000, comment: ' ' })).toThrow(/needs a comment/);
  });

  it("silence-add from the console: its preview, no read and no read-back (the pane shows the outcome)", async () => {
    const preview = alertRecords(await client().alerts()).slice(0, 1);
    const a = silenceAddAction({ url: 'http://am:9093', matchers: parseMatchers(['PostgresDown']), author: 'alice', durationMs: 5_400_000, comment: 'x', preview });
    expect(a.detail).toBe('It would silence, now:\n  critical PostgresDown data (active)');
    expect(a.steps[0]!.verify).toBeUndefined();
    const c = client({ alerts: () => Promise.reject(new Error('not asked')) });
    expect((await preflight(a, { clients: clients(c) }))[0]).toEqual({ label: 'Matches now', value: '1 alert', level: 'info' });
    expect(a.title).toBe('Silence alertname="PostgresDown" for 1h30m');
  });

  it('silence-expire: blocked for an unknown or expired id', async () => {
    const c = client({ silences: async () => [{ id: 'old', status: { state: 'expired' }, matchers: [], endsAt: '2026-12-01T00:00:00Z' }] });
    const lines = await preflight(silenceExpireAction({ url: 'http://am:9093', ids: ['old', 'missing'] }), { clients: clients(c) });
    expect(lines).toEqual([
      { label: 'Silence old', value: 'already expired (at 2026-12-01T00:00:00Z)', level: 'blocking' },
      { label: 'Silence missing', value: 'AlertManager has no silence of that id (see sunbeam-console mon silence query)', level: 'blocking' },
    ]);
  });
});

describe('mon alerts text', () => {
  it('groups by severity (critical first), then alertname', async () => {
    const raw = await client().alerts();
    const recs = alertRecords([...raw, { fingerprint: 'c', labels: { alertname: 'Watchdog', severity: 'none' }, startsAt: '2026-12-02T01:00:00Z' }, { fingerprint: 'd', labels: { alertname: 'Backup', severity: 'critical' }, startsAt: '2026-12-02T04:10:00Z' }]);
    expect(sortAlerts(recs).map((a) => a.alertname)).toEqual(['Backup', 'PostgresDown', 'DiskFilling', 'Watchdog']);
    const text = alertsText(recs, Date.parse('2026-12-02T04:20:00Z'));
    expect(text.split('\n\n').map((b) => b.split('\n')[0])).toEqual(['critical (2)', 'warning (1)', 'none (1)']);
    expect(text).toContain('PostgresDown   data     2026-12-02T04:00:00Z   20m   active   db down');
    expect(text).toContain('DiskFilling   -        2026-12-02T03:00:00Z   80m   active');
  });
});

describe('AlertManager error sentences', () => {
  const w = { url: 'https://g/api/alertmanager/grafana', flavour: 'grafana' as const, from: 'ALERTMANAGER_URL' as const, authWords: 'the token in GRAFANA_TOKEN', secrets: ['glsa_SECRET12345'] };
  it('one per status, AlertManager\'s reason quoted, never a secret', () => {
    expect(httpError(400, '"start time must be before end time"', { ...w, flavour: 'alertmanager', url: 'http://am' }).message).toBe('AlertManager at http://am refused the request (400: start time must be before end time).');
    expect(httpError(422, '{"code":612,"message":"matchers in body should have at least 1 items"}', w).kind).toBe('bad-request');
    expect(httpError(401, '{"message":"invalid key glsa_SECRET12345"}', w).message).toBe("Grafana's Alertmanager at https://g/api/alertmanager/grafana refused the token in GRAFANA_TOKEN (401); check the credentials.");
    expect(httpError(403, '{"message":"Permission denied: Bearer glsa_SECRET12345"}', w).message).not.toContain('glsa_SECRET12345');
    expect(httpError(404, 'page not found', w).message).toMatch(/no such API \(404: page not found\); is Grafana's unified alerting \(ngalert\) on/);
    expect(httpError(503, 'overloaded', w)).toMatchObject({ kind: 'server', message: "Grafana's Alertmanager at https://g/api/alertmanager/grafana failed (503: overloaded)." });
    expect(transportError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), { ...w, from: 'the default' }, 10_000)).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/within 10 s.*set ALERTMANAGER_URL or --alertmanager.url/) });
    expect(transportError(new AlertmanagerError('refused', 'same'), w, 1)).toMatchObject({ message: 'same' });
  });
});

describe('one mutation path for silences', () => {
  it('only src/actions/writers/ calls the client transport with POST or DELETE', () => {
    const root = join(import.meta.dirname, '..', '..');
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : /\.(ts|tsx)$/.test(n) ? [join(d, n)] : []));
    const files = ['src', 'screens', 'hooks', 'bin'].flatMap((d) => walk(join(root, d))).map((f) => relative(root, f));
    const callers = files.filter((f) => /\.send\(\s*['"`](POST|DELETE)['"`]/.test(readFileSync(join(root, f), 'utf8')));
    expect(callers).toEqual(['src/actions/writers/alertmanager.ts']);
  });
});
