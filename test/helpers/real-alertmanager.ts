// A real AlertManager for the integration tests: Debian's prometheus-alertmanager (and its amtool), on a free
// loopback port with its data in a temporary directory and clustering off (--cluster.listen-address=). It is
// started through setpriv's parent-death signal, so it never outlives the test process, and stopped by stop().
// Its one receiver is a webhook (to `webhookUrl`, default a closed loopback port: every notification fails, as
// when the Matrix receiver is down), grouped within a second.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/sim/servers/postgres/local-server.js';
import { waitFor } from './wait-for.js';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';
export const AMTOOL_BIN = '/usr/bin/amtool';

/** Whether this machine has Debian's AlertManager and amtool (.ci/run installs them). */
export const haveAlertmanager = existsSync(ALERTMANAGER_BIN) && existsSync(AMTOOL_BIN);

export interface RealAlertmanager {
  /** http://127.0.0.1:PORT */
  url: string;
  /** amtool --alertmanager.url=URL ARGS...: its exit code and output. */
  amtool(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/** util-linux's setpriv: SIGKILL to the server when this process ends in any way, then it execs the server. */
function withParentDeath(args: string[]): [string, string[]] {
  return ['setpriv', ['--pdeathsig', 'KILL', '--', ...args]];
}

function ready(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/-/ready`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
  });
}

/** Its configuration: `config` (an alertmanager.yml, e.g. the simulated Box's own), else one webhook receiver `matrix`. */
export async function startRealAlertmanager(opts: { webhookUrl?: string; config?: string } = {}): Promise<RealAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-am-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const webhook = opts.webhookUrl ?? `http://127.0.0.1:${await freePort()}/alerts/ops`;
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    opts.config ?? ['route:', '  receiver: matrix', '  group_by: [alertname]', '  group_wait: 1s', '  group_interval: 1s', '  repeat_interval: 1m', 'receivers:', '  - name: matrix', '    webhook_configs:', `      - url: ${webhook}`, ''].join('\n'),
  );
  const args = [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'];
  const [cmd, argv] = withParentDeath([ALERTMANAGER_BIN, ...args]);
  const child: ChildProcess = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log = (log + d).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor(async () => child.exitCode === null && (await ready(url)), { timeoutMs: 20_000, message: `AlertManager on ${url} ready (log: ${log})` });
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    amtool: (a) =>
      new Promise((resolve) => {
        execFile(AMTOOL_BIN, [`--alertmanager.url=${url}`, ...a], { timeout: 20_000 }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
      }),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
