// The composition root of the `console` command (no sub-command): its flags, the run's session (src/session: the
// config, the kubeconfig or the in-process demo Box, the sources), the store, then the full-screen console on
// the alternate screen. Restores the terminal on q, Ctrl-C, SIGTERM/SIGHUP and on a crash (restore first, then
// one sentence).
import { benchReporter } from './bench-reporter.js';
import { render, type Instance } from 'ink';
import { boxNames } from '../src/ladder/box-graph.js';
import { evaluateLadder } from '../src/ladder/index.js';
import { prepareSession, type Session } from '../src/session/index.js';
import { createAppStore } from '../src/store/index.js';
import { consoleFlags } from '../src/cli/console-flags.js';
import { Console } from '../screens/App.js';

const say = (text: string) => process.stderr.write(`sunbeam-console: ${text}\n`);

const SILENCED = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** The `console` command (the default): its flags are parsed by src/cli/program.ts from program-spec.ts. */
export async function run(opts: Record<string, unknown>): Promise<number> {
  const parsed = consoleFlags(opts);
  if (!parsed.ok) {
    say(parsed.message);
    return 2;
  }
  const flags = parsed.flags;
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    say('the console needs an interactive terminal (stdin and stdout must be a TTY); for a one-shot report run "sunbeam-console status".');
    return 2;
  }

  // Outside --demo the kubeconfig is read before the screen opens, so that a bad one is one sentence on a
  // normal terminal. With --demo the screen opens first and the simulated Box starts behind it.
  if (flags.demo && flags.scenario) {
    const { SCENARIOS } = await import('../src/sim/box/index.js');
    if (!SCENARIOS.includes(flags.scenario)) {
      say(`unknown scenario "${flags.scenario}"; choose one of: ${SCENARIOS.join(', ')}.`);
      return 2;
    }
  }
  // The settings now (the config file's kubeconfig, context and namespace too, as the one-shots read them); the
  // Kubernetes client library is loaded only on connect, so that --demo shows its first frame sooner. A config
  // file that cannot be read leaves the console read-only with a warning.
  const pending = prepareSession({
    flags: { kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace, readOnly: flags.readOnly ? true : undefined, alertmanagerUrl: flags.alertmanagerUrl },
    demo: flags.demo,
    scenario: flags.scenario,
    onBadConfig: 'read-only',
  });
  let session: Session | undefined;
  if (!flags.demo) {
    try {
      session = await pending.connect();
    } catch (err) {
      say((err as Error).message);
      return 2;
    }
  }

  const { flashWarnings } = await import('../src/console/setup.js');
  const { setClients } = await import('../src/console/context.js');
  const { wireConsole } = await import('../src/console/wire.js');
  const store = createAppStore({ readOnly: pending.readOnly, readOnlyCause: pending.config.readOnlyCause, names: boxNames(pending.config) });
  const wired = wireConsole(store, pending, { evaluate: evaluateLadder });
  const ops = wired.console;
  const actions = store.getState().actions;
  // -A: every namespace, even when the config file or the context names one.
  const namespace = flags.allNamespaces ? undefined : (session ?? pending).namespace;
  if (namespace) actions.setNamespace(namespace);
  let failure: string | undefined;
  const connect = async (s: Session) => {
    setClients(ops, s.clients, s.writers);
    const { createLogsService } = await import('../src/sources/kubernetes/logs/service.js');
    ops.logs = createLogsService(store, s.clients.kube, { capacity: pending.config.logs.buffer });
    if (s.demoUnsealKeys) store.getState().actions.setDemoUnsealKeys(s.demoUnsealKeys);
    if (s.demoNotes?.length) store.getState().actions.flash(s.demoNotes.join(' '), 'warn');
    if (!finished) await s.startSources(store, { flushMs: 200 });
  };

  const report = benchReporter();
  report.logs(store);
  let instance: Instance | undefined;
  let finished = false;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((r) => (resolveExit = r));
  const quit = (code = 0) => resolveExit(code);

  // A library writing to the console would tear the screen: hold console output while the console runs.
  const savedConsole = SILENCED.map((m) => [m, console[m]] as const);
  for (const m of SILENCED) console[m] = () => {};
  const restoreConsole = () => savedConsole.forEach(([m, f]) => (console[m] = f));

  /** Puts the terminal back as it was: main screen, cursor, cooked mode. Safe to call more than once. */
  const restoreTerminal = () => {
    if (finished) return;
    finished = true;
    try {
      instance?.unmount();
    } catch {
      // Unmounting a broken tree can throw; the raw restore below still runs.
    }
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      // stdin already closed.
    }
    process.stdout.write('\x1b[?2026l\x1b[0m\x1b[?25h\x1b[?1049l');
    restoreConsole();
  };
  const crash = (err: unknown) => {
    // The terminal went away (SSH dropped, tmux killed): nothing to restore or tell; leave quietly.
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'EIO' || code === 'EPIPE') {
      finished = true;
      process.exit(129);
    }
    restoreTerminal();
    say(`crashed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; the terminal has been restored.`);
    process.exit(70);
  };
  const onSigterm = () => quit(143);
  const onSighup = () => quit(129);
  const onSigint = () => quit(130);
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('SIGTERM', onSigterm);
  process.on('SIGHUP', onSighup);
  process.on('SIGINT', onSigint);

  if (session) void connect(session).then(() => flashWarnings(store, pending));
  else {
    const scenario = pending.demo ?? 'healthy';
    actions.setKubeContext(`demo (${scenario})`, '');
    actions.flash(`Starting the simulated Box (scenario ${scenario})…`);
    // Let the first frame out before loading and starting the simulated Box.
    new Promise((r) => setImmediate(r))
      .then(() => pending.connect())
      .then(async (s) => {
        if (finished) return;
        await connect(s);
        actions.clearFlash();
        flashWarnings(store, pending);
      })
      .catch((err: unknown) => {
        failure = (err as Error).message;
        quit(2);
      });
  }

  instance = render(<Console store={store} evaluate={evaluateLadder} console={ops} quit={() => quit(0)} />, {
    // We checked for a TTY above: stay interactive even when a CI variable is set in the user's shell.
    interactive: true,
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 60,
    patchConsole: false,
    exitOnCtrlC: false,
    onRender: ({ renderTime }) => {
      report.render(renderTime);
      report.event('first-frame');
      const k = store.getState().kube;
      if (k.synced.pods && Object.keys(k.pods).length > 0 && Object.keys(k.workloads).length > 0) report.event('populated');
    },
  });

  // Ink unmounts by itself when a component throws: treat that as a crash too (restore, then one sentence).
  instance.waitUntilExit().then(
    () => quit(0),
    (err: unknown) => {
      failure = `crashed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; the terminal has been restored.`;
      quit(70);
    },
  );
  const code = await exited;
  restoreTerminal();
  if (failure) say(failure);
  process.off('SIGTERM', onSigterm);
  process.off('SIGHUP', onSighup);
  process.off('SIGINT', onSigint);
  // Stop what runs behind the screen, but never let a slow stop (a watch mid-reconnect) hold a quitting console.
  const stopped = (async () => {
    try {
      wired.stop();
      await pending.stop();
    } catch {
      // Shutting down: nothing left to report to.
    }
  })();
  await Promise.race([stopped, new Promise((r) => setTimeout(r, 300).unref())]);
  process.exit(code);
}
