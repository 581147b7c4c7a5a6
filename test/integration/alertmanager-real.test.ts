// The console against a REAL AlertManager (Debian's prometheus-alertmanager, test/helpers/real-alertmanager.ts)
// and its amtool: alerts posted with `amtool alert add` appear in the built CLI's `mon alerts --json` (and
// `mon grafana alerts`) and in the source's slice; a silence made with `mon silence add` is what `amtool silence
// query -o json` lists, and `mon silence expire` expires it (amtool sees it expired); the notification failures
// of its webhook receiver reach the slice from /metrics; an unreachable URL and a 401 are one sentence, exit 2.
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerSettings } from '../../src/session/alertmanager-env.js';
import { alertmanagerClient } from '../../src/sources/alertmanager/client.js';
import { createAlertmanagerSource } from '../../src/sources/alertmanager/index.js';
import { createAppStore } from '../../src/store/index.js';
import { BIN, buildConsole, NODE } from '../e2e/binary.js';
import { freePort } from '../../src/sim/servers/postgres/local-server.js';
import { haveAlertmanager, startRealAlertmanager, type RealAlertmanager } from '../helpers/real-alertmanager.js';
import { isolatedEnv } from '../helpers/real-dirs.js';
import { waitFor } from '../helpers/wait-for.js';

let am: RealAlertmanager | undefined;

beforeAll(async () => {
  if (!haveAlertmanager) return;
  buildConsole();
  am = await startRealAlertmanager();
}, 120_000);

afterAll(async () => {
  await am?.stop();
});

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built binary, with only the isolated HOME/XDG variables, PATH and `env`. */
function cli(args: string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(NODE, [BIN, ...args], { env: { ...isolatedEnv(), PATH: process.env.PATH ?? '', USER: 'oncall', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const amEnv = () => ({ ALERTMANAGER_URL: am!.url });

describe.skipIf(!haveAlertmanager)('a real AlertManager', () => {
  it('alerts posted with amtool are in mon alerts --json, grouped critical first, and a firing critical exits 1', async () => {
    const add = await am!.amtool(['alert', 'add', 'PostgresDown', 'severity=critical', 'namespace=data', '--annotation=summary=CloudNativePG cluster data/postgres is down']);
    expect(add.code, add.stderr).toBe(0);
    expect((await am!.amtool(['alert', 'add', 'DiskFilling', 'severity=warning', '--annotation=summary=disk 90% full'])).code).toBe(0);
    const r = await waitFor(async () => {
      const x = await cli(['mon', 'alerts', '--json'], amEnv());
      return (JSON.parse(x.stdout || '[]') as unknown[]).length >= 2 ? x : undefined;
    });
    expect(r.code).toBe(1);
    const alerts = JSON.parse(r.stdout) as { alertname: string; severity: string; state: string; annotations: Record<string, string> }[];
    expect(alerts.map((a) => a.alertname)).toEqual(['PostgresDown', 'DiskFilling']);
    expect(alerts[0]).toMatchObject({ severity: 'critical', state: 'active', annotations: { summary: 'CloudNativePG cluster data/postgres is down' } });

    const text = await cli(['mon', 'grafana', 'alerts'], amEnv());
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^critical \(1\)\nALERTNAME\s+TARGET\s+STARTS AT\s+AGE\s+STATE\s+SUMMARY\nPostgresDown\s+data\s+.* active\s+CloudNativePG cluster data\/postgres is down/m);
    const narrowed = await cli(['mon', 'alerts', 'severity=warning', '--json', `--alertmanager.url=${am!.url}`], { ALERTMANAGER_URL: 'http://127.0.0.1:1' });
    expect(narrowed.code).toBe(0);
    expect((JSON.parse(narrowed.stdout) as { alertname: string }[]).map((a) => a.alertname)).toEqual(['DiskFilling']);
  });

  it("the source's slice has the same alerts, the receiver's webhook and its failed notifications", async () => {
    expect((await am!.amtool(['alert', 'add', 'SynapseDown', 'severity=critical', 'namespace=matrix'])).code).toBe(0);
    const store = createAppStore();
    const source = createAlertmanagerSource(store, alertmanagerClient(alertmanagerSettings({ ALERTMANAGER_URL: am!.url })), { pollMs: 200, slowMs: 300 });
    source.start();
    try {
      await source.synced();
      expect(store.getState().sources.alertmanager?.state).toBe('ok');
      await waitFor(() => store.getState().alerts.alerts.some((a) => a.alertname === 'SynapseDown'));
      const s = store.getState().alerts;
      expect(s).toMatchObject({ flavour: 'alertmanager', url: am!.url, version: '0.25.0', cluster: 'disabled' });
      expect(s.receivers).toEqual([{ name: 'matrix', webhookUrls: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/alerts\/ops$/)] }]);
      // The webhook goes to a closed port: AlertManager counts the failures, and the source sees them.
      await waitFor(() => store.getState().alerts.notify?.find((n) => n.integration === 'webhook' && n.failed > 0), { timeoutMs: 20_000, message: 'failed webhook notifications' });
    } finally {
      source.stop();
    }
  });

  it('a silence made by mon silence add is the one amtool silence query lists; mon silence expire expires it', async () => {
    const made = await cli(['mon', 'silence', 'add', 'alertname=PostgresDown', 'namespace=data', '--duration', '2h', '--comment', 'restoring from backup, INC-42', '--yes'], amEnv());
    expect(made.code, made.stderr).toBe(0);
    const id = made.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.stderr).toContain(`amtool silence add --alertmanager.url=${am!.url} --author=oncall --duration=2h --comment='restoring from backup, INC-42' 'alertname="PostgresDown"' 'namespace="data"'`);
    expect(made.stderr).toContain('Matches: critical PostgresDown data (active)');

    const q = await am!.amtool(['silence', 'query', '-o', 'json']);
    const listed = (JSON.parse(q.stdout) as { id: string; createdBy: string; comment: string; matchers: { name: string; value: string; isRegex: boolean }[]; status: { state: string } }[]).find((s) => s.id === id);
    expect(listed).toMatchObject({ createdBy: 'oncall', comment: 'restoring from backup, INC-42', status: { state: 'active' } });
    expect(listed!.matchers.map((m) => `${m.name}=${m.value}`).sort()).toEqual(['alertname=PostgresDown', 'namespace=data']);
    const silenced = await waitFor(async () => {
      const x = await cli(['mon', 'alerts', 'PostgresDown', '--json'], amEnv());
      return x.stdout.includes('"silenced"') ? x : undefined;
    });
    // The only critical left firing is SynapseDown (from the test before), if AlertManager still holds it.
    expect(JSON.parse(silenced.stdout)[0]).toMatchObject({ alertname: 'PostgresDown', state: 'silenced', silencedBy: [id] });

    const ours = await cli(['mon', 'silence', 'query', '-q', 'alertname=PostgresDown'], amEnv());
    expect(ours.stdout.trim().split('\n')).toContain(id);

    const gone = await cli(['mon', 'silence', 'expire', id, '--yes'], amEnv());
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stderr).toContain(`amtool silence expire --alertmanager.url=${am!.url} ${id}`);
    const expired = await am!.amtool(['silence', 'query', '--expired', '-o', 'json']);
    expect((JSON.parse(expired.stdout) as { id: string; status: { state: string } }[]).find((s) => s.id === id)?.status.state).toBe('expired');

    const again = await cli(['mon', 'silence', 'expire', id, '--yes'], amEnv());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already expired/);
  });

  it('a comment is required and read-only refuses the silence, both before anything is sent', async () => {
    const none = await cli(['mon', 'silence', 'add', 'alertname=PostgresDown', '--yes'], amEnv());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--comment is required/);
    const ro = await cli(['mon', 'silence', 'add', 'alertname=PostgresDown', '-c', 'x', '--yes', '--read-only'], amEnv());
    expect(ro.code).toBe(1);
    expect(ro.stderr).toMatch(/Read-only mode/);
    const q = await am!.amtool(['silence', 'query', '-o', 'json']);
    expect((JSON.parse(q.stdout) as { comment: string }[]).some((s) => s.comment === 'x')).toBe(false);
  });
});

describe.skipIf(!haveAlertmanager)('an AlertManager that cannot be asked', () => {
  it('an unreachable URL: one sentence, exit 2, no stack', async () => {
    const port = await freePort();
    const r = await cli(['mon', 'alerts'], { ALERTMANAGER_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sunbeam-console mon alerts: AlertManager at http://127.0.0.1:${port} does not answer (connection refused); check ALERTMANAGER_URL.\n`);
    const d = await cli(['mon', 'silence', 'query'], {});
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/^sunbeam-console mon silence query: AlertManager at http:\/\/localhost:9093 does not answer \(connection refused\); set ALERTMANAGER_URL or --alertmanager.url\.\n$/);
  });

  it('a 401 from Grafana: one sentence that names GRAFANA_TOKEN and never the token, exit 2', async () => {
    const token = 'glsa_SECRETtoken1234567890';
    const server = http.createServer((req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `invalid API key ${req.headers.authorization ?? ''}` }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/alertmanager/grafana`;
      const r = await cli(['mon', 'alerts', '--json'], { ALERTMANAGER_URL: url, GRAFANA_TOKEN: token });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`sunbeam-console mon alerts: Grafana's Alertmanager at ${url} refused the token in GRAFANA_TOKEN (401); check the credentials.\n`);
      expect(r.stdout + r.stderr).not.toContain(token);
      const missing = await cli(['mon', 'alerts'], { ALERTMANAGER_URL: url });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/needs a token: set GRAFANA_TOKEN/);
    } finally {
      server.close();
    }
  });
});
