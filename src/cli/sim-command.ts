// `sunbeam-console sim [--scenario NAME] [--kubeconfig PATH] [--port N] [--openbao-replicas N] [--unseal-keys PATH]
// [--log-rate NS/APP=N]...`:
// runs the Box simulator in the foreground, prints the environment a shell needs (one `export NAME=...` line
// per variable, merged from every simulated server: KUBECONFIG, BAO_ADDR, BAO_CACERT, BAO_TOKEN), then
// `ready`, and serves until SIGINT or SIGTERM. Flags: program-spec.ts.
import { SCENARIOS } from '../sim/box/index.js';
import { startSim, type SimHandle } from '../sim/index.js';

function fail(sentence: string): number {
  process.stderr.write(`sunbeam-console sim: ${sentence}\n`);
  return 2;
}

/** Quotes a value for POSIX shells only when it needs it. */
export function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/** `--log-rate NS/APP=N` values as SimOptions.logRate, or the sentence that says which one is wrong. */
function parseLogRates(values: readonly string[]): { ok: true; rates: Record<string, number> } | { ok: false; message: string } {
  const rates: Record<string, number> = {};
  for (const v of values) {
    const m = /^([^/\s=]+\/[^/\s=]+)=(\d+(?:\.\d+)?)$/.exec(v);
    if (!m) return { ok: false, message: `--log-rate is NAMESPACE/APP=LINES_PER_SECOND (for example matrix/sol=5000), not "${v}".` };
    rates[m[1]!] = Number(m[2]);
  }
  return { ok: true, rates };
}

export async function run(opts: Record<string, unknown>): Promise<number> {
  const values = opts as { scenario?: string; kubeconfig?: string; port?: string; openbaoReplicas?: string; unsealKeys?: string; logRate?: string[] };
  const scenario = values.scenario ?? 'healthy';
  if (!SCENARIOS.includes(scenario)) return fail(`unknown scenario "${scenario}"; choose one of: ${SCENARIOS.join(', ')}.`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) return fail(`--port must be a port number from 0 to 65535, not "${values.port}".`);
  }
  let openbaoReplicas: number | undefined;
  if (values.openbaoReplicas !== undefined) {
    openbaoReplicas = Number(values.openbaoReplicas);
    if (!/^\d+$/.test(values.openbaoReplicas) || openbaoReplicas < 1 || openbaoReplicas > 9) {
      return fail(`--openbao-replicas must be a number from 1 to 9, not "${values.openbaoReplicas}".`);
    }
  }
  const logRate = parseLogRates(values.logRate ?? []);
  if (!logRate.ok) return fail(logRate.message);
  // Signal handlers go in before anything is printed: a SIGTERM that arrives before a listener exists kills the
  // process with the default action, and whoever read `ready` may send one at once.
  let signalled = false;
  let onSignal = () => {
    signalled = true;
  };
  const handler = () => onSignal();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  const unhook = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  let sim: SimHandle;
  try {
    sim = await startSim({ scenario, port, kubeconfigPath: values.kubeconfig, openbaoReplicas, unsealKeysPath: values.unsealKeys, logRate: logRate.rates });
  } catch (err) {
    unhook();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') return fail(`port ${port} is already in use; pick another with --port or use --port 0.`);
    if (e.code === 'EACCES') return fail(`port ${port} cannot be opened by this user; pick a port above 1024.`);
    return fail(e.message.replace(/\.?$/, '.'));
  }
  const running = sim;
  return new Promise<number>((resolve) => {
    let stopping = false;
    onSignal = () => {
      if (stopping) return;
      stopping = true;
      unhook();
      // If something still holds the event loop after a clean stop, do not hang the shell.
      setTimeout(() => process.exit(0), 3000).unref();
      running.stop().then(
        () => resolve(0),
        () => resolve(0),
      );
    };
    if (signalled) return onSignal();
    for (const [k, v] of Object.entries(running.env)) process.stdout.write(`export ${k}=${shellQuote(v)}\n`);
    process.stdout.write('ready\n');
    process.stderr.write(
      `sunbeam-console sim: the Box (scenario ${scenario}) serves the Kubernetes API at ${running.url}.\n` +
        `  In another shell: export KUBECONFIG=${shellQuote(running.kubeconfigPath)}; kubectl get pods -A\n` +
        `  (or kubectl --kubeconfig ${shellQuote(running.kubeconfigPath)} ...). Ctrl-C stops the simulator.\n`,
    );
    for (const [id, url] of Object.entries(running.servers)) if (id !== 'kubernetes' && url) process.stderr.write(`  ${id}: ${url}\n`);
    for (const problem of running.problems) process.stderr.write(`  Note: ${problem}\n`);
    process.stderr.write(
      `  OpenBao: export BAO_ADDR BAO_CACERT BAO_TOKEN as printed; bao status. Each replica, sealed or not: kubectl get --raw /api/v1/namespaces/openbao/pods/https:openbao-0:8200/proxy/v1/sys/seal-status\n` +
        (values.unsealKeys ? `  The five unseal key shares are in ${shellQuote(values.unsealKeys)} (three open a sealed replica).\n` : ''),
    );
  });
}
