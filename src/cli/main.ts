// Sub-command dispatch. Each command module exports `run(args): Promise<number | void>`; a `void` result means
// the command keeps running (a server, the console) and sets the exit code itself when it ends.

export type Command = (args: string[]) => Promise<number | void>;

/**
 * A reader that goes away (`runbook list | head -1`) ends the run quietly with exit 0, as kubectl's does, instead
 * of Node's unhandled 'error' event (an EPIPE stack trace and exit 1). Any other stream error stays loud.
 */
export function exitQuietlyOnClosedPipe(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  sim: async () => (await import('./sim-command.js')).run,
  restart: async () => (await import('./restart-command.js')).run,
  backup: async () => (await import('./backup-command.js')).run,
  cert: async () => (await import('./cert-command.js')).run,
  journal: async () => (await import('./journal-command.js')).run,
  coe: async () => (await import('./coe-command.js')).run,
  runbook: async () => (await import('./runbook-command.js')).run,
  status: async () => (await import('./status-command.js')).run,
  check: async () => (await import('./check-command.js')).run,
};

/** The verbs `sunbeam-console VERB` accepts (advice that names a command names one of these). */
export const CLI_VERBS: readonly string[] = [...Object.keys(COMMANDS), 'help'];

export const USAGE = `usage: sunbeam-console [--demo] [--scenario NAME]
       sunbeam-console sim [--scenario NAME] [--kubeconfig PATH] [--port N]
       sunbeam-console status [-n NAMESPACE] [--json] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]
       sunbeam-console check [NAMESPACE|data|storage|matrix|monitoring] [--json] [--kubeconfig PATH] [--context NAME] [--demo [--scenario NAME]]
       sunbeam-console restart NS/WORKLOAD [--yes] [--dry-run] [--read-only]
       sunbeam-console backup [--cnpg] [--yes] [--dry-run] [--read-only]
       sunbeam-console cert renew NS/NAME [--delete|--issuing] [--yes] [--dry-run] [--read-only]
       sunbeam-console runbook list [--rung N] | runbook run ID [NS/NAME] [--param NAME=VALUE] [--yes]
       sunbeam-console journal [--json] | journal note TEXT
       sunbeam-console coe export [--out DIR]
       sunbeam-console help`;

/**
 * `extra` lets bin/ add the commands that live outside src/ (the console itself, in screens/), so that src/
 * never imports React or Ink.
 */
export async function main(argv: string[], extra: Record<string, () => Promise<Command>> = {}): Promise<number | void> {
  const commands = { ...COMMANDS, ...extra };
  const [first, ...rest] = argv;
  if (first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (first && !first.startsWith('-')) {
    const load = commands[first];
    if (!load) {
      process.stderr.write(`sunbeam-console: unknown command "${first}".\n${USAGE}\n`);
      return 2;
    }
    return (await load())(rest);
  }
  const load = commands['console'];
  if (!load) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return (await load())(argv);
}
