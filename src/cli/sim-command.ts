// `sunbeam-console sim [--scenario NAME] [--kubeconfig PATH] [--port N]`: runs the Box simulator in the
// foreground, prints the environment a shell needs (`export KUBECONFIG=...`), then `ready`, and serves until
// SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { SCENARIOS } from '../sim/box/index.js';
import { startSim } from '../sim/index.js';

const USAGE = 'usage: sunbeam-console sim [--scenario NAME] [--kubeconfig PATH] [--port N]';

function fail(sentence: string): number {
  process.stderr.write(`sunbeam-console sim: ${sentence}\n${USAGE}\n`);
  return 2;
}

/** Quotes a value for POSIX shells only when it needs it. */
export function shellQuote(v: string): string {
  return /^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

export async function run(args: string[]): Promise<number> {
  let values: { scenario?: string; kubeconfig?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        scenario: { type: 'string' },
        kubeconfig: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '').replace(/\.$/, '');
    return fail(`${msg}.`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\nscenarios: ${SCENARIOS.join(', ')}\n`);
    return 0;
  }
  const scenario = values.scenario ?? 'healthy';
  if (!SCENARIOS.includes(scenario)) return fail(`unknown scenario "${scenario}"; choose one of: ${SCENARIOS.join(', ')}.`);
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) return fail(`--port must be a port number from 0 to 65535, not "${values.port}".`);
  }
  let sim;
  try {
    sim = await startSim({ scenario, port, kubeconfigPath: values.kubeconfig });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') return fail(`port ${port} is already in use; pick another with --port or use --port 0.`);
    if (e.code === 'EACCES') return fail(`port ${port} cannot be opened by this user; pick a port above 1024.`);
    return fail(e.message.replace(/\.?$/, '.'));
  }
  for (const [k, v] of Object.entries(sim.env)) process.stdout.write(`export ${k}=${shellQuote(v)}\n`);
  process.stdout.write('ready\n');
  process.stderr.write(
    `sunbeam-console sim: the Box (scenario ${scenario}) serves the Kubernetes API at ${sim.url}.\n` +
      `  In another shell: export KUBECONFIG=${shellQuote(sim.kubeconfigPath)}; kubectl get pods -A\n` +
      `  (or kubectl --kubeconfig ${shellQuote(sim.kubeconfigPath)} ...). Ctrl-C stops the simulator.\n`,
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // If something still holds the event loop after a clean stop, do not hang the shell.
      setTimeout(() => process.exit(0), 3000).unref();
      sim.stop().then(
        () => resolve(0),
        () => resolve(0),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
