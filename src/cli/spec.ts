// The shape of the program definition (program-spec.ts): every command as data, with what its --help, the
// completion scripts and the README's command reference show. No command's code is loaded to read it.

/** A command's body: the parsed options (commander's opts()) and its operands. Returns the exit code. */
export type Handler = (opts: Record<string, unknown>, args: string[]) => Promise<number | void>;

/** Where a value for completion comes from. */
export type Completes = 'scenario' | 'namespace' | 'file' | 'dir' | 'output' | 'area' | 'shell';

export interface OptionSpec {
  /** commander's flags: '-n, --namespace <NAMESPACE>', '--yes'. */
  flags: string;
  description: string;
  choices?: readonly string[];
  /** May be given more than once (values collect into a list). */
  repeatable?: boolean;
  /** Long names (without --) it cannot be given with. */
  conflicts?: readonly string[];
  completes?: Completes;
}

export interface ArgSpec {
  /** As in a usage line: 'NS/WORKLOAD', 'TEXT...'. */
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
  choices?: readonly string[];
  completes?: Completes;
}

export interface CommandSpec {
  name: string;
  /** One line, for the list of commands. */
  summary: string;
  /** What it does, in full (its --help). */
  description: string;
  args?: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  /** The environment variables it reads (names in ENVIRONMENT). */
  env?: readonly string[];
  exitCodes?: readonly (readonly [code: number, meaning: string])[];
  /** Whole command lines, each as a user types it. */
  examples?: readonly string[];
  subcommands?: readonly CommandSpec[];
  /** The command that runs when none is named (the console). */
  isDefault?: boolean;
  /** Loads the command's module only when it runs; absent for a command whose body bin/ supplies (the console). */
  load?: () => Promise<Handler>;
}
