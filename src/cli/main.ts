// The entry of every command: commander parses the argv by the program definition (program-spec.ts, built in
// program.ts) and the named command's module is loaded then, and only then. A command's result is its exit code;
// `void` means it keeps running (a server, the console) and sets the exit code itself when it ends.
import { PROGRAM } from './program-spec.js';
import { runProgram } from './program.js';
import type { Handler } from './spec.js';

export type { Handler } from './spec.js';

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

/** Commands whose body needs the program definition itself. */
const BUILTIN: Record<string, () => Promise<Handler>> = {
  completion: async () => {
    const { completionScript } = await import('./completion.js');
    return async (_opts, args) => {
      process.stdout.write(completionScript(args[0] === 'zsh' ? 'zsh' : 'bash', PROGRAM));
      return 0;
    };
  },
};

/** The verbs `sunbeam-console VERB` accepts (advice that names a command names one of these). */
export const CLI_VERBS: readonly string[] = [...(PROGRAM.subcommands ?? []).map((c) => c.name), 'help'];

/**
 * `extra` lets bin/ add the bodies that live outside src/ (the console itself, in screens/), so that src/ never
 * imports React or Ink.
 */
export async function main(argv: string[], extra: Record<string, () => Promise<Handler>> = {}): Promise<number | void> {
  return runProgram(argv, async (spec, path, opts, args) => {
    const load = extra[path] ?? BUILTIN[path] ?? spec.load;
    if (!load) {
      process.stderr.write(`sunbeam-console: the ${path} command is not part of this build.\n`);
      return 2;
    }
    return (await load())(opts, args);
  });
}
