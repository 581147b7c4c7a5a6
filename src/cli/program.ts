// The commander program built from the program definition (program-spec.ts): every command's flags, arguments
// and help (Description, Options, Commands, Environment, Exit codes, Example), kubectl's `-n=NS` and
// `help COMMAND`, and commander's errors as one sentence with exit 2. Commander never exits the process: its
// exits come back here as values (exitOverride), so main's EPIPE and exit-code handling stay in charge.
import { Argument, Command, CommanderError, Help, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { ENVIRONMENT, PROGRAM, PROGRAM_NAME } from './program-spec.js';
import type { CommandSpec, OptionSpec } from './spec.js';

export const VERSION: string = pkg.version;

/** Runs a command: its spec, its path ("runbook run"), commander's opts() and its operands. */
export type Runner = (spec: CommandSpec, path: string, opts: Record<string, unknown>, args: string[]) => Promise<number | void>;

/** The end of a parse that did not run a command: help or the version was printed (code 0), or bad usage (2). */
class Exit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

/** The words a command's usage lists: '<NS/WORKLOAD>', '[SCOPE]', '<TEXT...>'. */
function argumentTerm(a: NonNullable<CommandSpec['args']>[number]): string {
  const name = `${a.name}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}

function section(helper: Help, heading: string, items: string[]): string[] {
  return items.length ? [helper.styleTitle(heading), ...items, ''] : [];
}

/** kubectl-like help: Usage, Description, Arguments, Options, Commands, Environment, Exit codes, Example. */
function formatHelp(specs: Map<Command, CommandSpec>) {
  return (cmd: Command, helper: Help): string => {
    const spec = specs.get(cmd);
    const width = helper.helpWidth ?? 80;
    const termWidth = helper.padWidth(cmd, helper);
    const envWidth = Math.max(0, ...(spec?.env ?? []).map((e) => e.length));
    const item = (term: string, description: string, w = termWidth) => helper.formatItem(term, w, description, helper);
    const indent = (text: string) => helper.boxWrap(text, width - 2).split('\n').map((l) => `  ${l}`);
    const out = [`${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`, ''];
    if (spec) out.push(...section(helper, 'Description:', indent(spec.description)));
    out.push(...section(helper, 'Arguments:', helper.visibleArguments(cmd).map((a) => item(helper.argumentTerm(a), helper.argumentDescription(a)))));
    out.push(...section(helper, 'Options:', helper.visibleOptions(cmd).map((o) => item(helper.optionTerm(o), helper.optionDescription(o)))));
    out.push(...section(helper, 'Commands:', helper.visibleCommands(cmd).map((c) => item(helper.subcommandTerm(c), helper.subcommandDescription(c)))));
    out.push(...section(helper, 'Environment:', (spec?.env ?? []).map((e) => item(e, ENVIRONMENT[e] ?? '', envWidth))));
    out.push(...section(helper, 'Exit codes:', (spec?.exitCodes ?? []).map(([code, meaning]) => item(String(code), meaning, 3))));
    out.push(...section(helper, spec?.examples && spec.examples.length > 1 ? 'Examples:' : 'Example:', (spec?.examples ?? []).map((e) => `  $ ${e}`)));
    return out.join('\n').replace(/\n+$/, '\n');
  };
}

function option(o: OptionSpec): Option {
  const opt = new Option(o.flags, o.description);
  if (o.choices) opt.choices(o.choices);
  if (o.repeatable) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  if (o.conflicts) opt.conflicts([...o.conflicts]);
  return opt;
}

/** The command path as a user types it: 'status', 'runbook run'; '' for the program itself. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Commander's error as one sentence naming the command and its help. */
function sentence(err: CommanderError, cmd: Command, spec: CommandSpec | undefined): string {
  const path = pathOf(cmd);
  const lines = err.message.replace(/^error: /, '').split('\n');
  let msg = lines[0]!.replace(/\.$/, '');
  const hint = /^\(Did you mean (.+)\?\)$/.exec(lines[1] ?? '')?.[1];
  if (err.code === 'commander.excessArguments') {
    const extra = cmd.args[cmd.registeredArguments.length] ?? '';
    if (spec?.isDefault) return `${PROGRAM_NAME}: unknown command '${extra}' (see ${PROGRAM_NAME} --help).`;
    msg = spec?.subcommands?.length ? `unknown command '${extra}'` : `unexpected argument '${extra}'`;
  }
  // "argument 'xml' is invalid. Allowed choices are json, yaml, wide": one sentence, the command named after its subject.
  const [subject, ...more] = msg.replace(/ for '[^']*'$/, '').split('. ');
  const rest = more.length ? `; ${more.join('. ').replace(/^./, (c) => c.toLowerCase())}` : '';
  const where = spec?.isDefault ? ' for the console' : path ? ` for ${path}` : '';
  const help = `${PROGRAM_NAME}${path ? ` ${path}` : ''} --help`;
  return `${PROGRAM_NAME}: ${subject}${where}${rest}${hint ? `; did you mean ${hint}?` : ''} (see ${help}).`;
}

function addCommand(parent: Command, spec: CommandSpec, specs: Map<Command, CommandSpec>, runner: Runner): void {
  const cmd = parent.command(spec.name, spec.isDefault ? { isDefault: true } : {});
  specs.set(cmd, spec);
  cmd.summary(spec.summary).description(spec.description);
  for (const a of spec.args ?? []) {
    const arg = new Argument(argumentTerm(a), a.description);
    if (a.choices) arg.choices(a.choices);
    cmd.addArgument(arg);
  }
  for (const o of spec.options ?? []) cmd.addOption(option(o));
  cmd.exitOverride((err) => {
    if (err.exitCode === 0) throw new Exit(0);
    throw new Exit(2, sentence(err, cmd, spec));
  });
  for (const sub of spec.subcommands ?? []) addCommand(cmd, sub, specs, runner);
  const names = (spec.subcommands ?? []).map((s) => s.name);
  cmd.action(async (...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    if (!spec.load && !spec.isDefault && names.length) {
      throw new Exit(2, `${PROGRAM_NAME}: ${pathOf(self)} needs a command: ${names.join(' or ')} (see ${PROGRAM_NAME} ${pathOf(self)} --help).`);
    }
    // `journal --demo note TEXT`: a flag the parent took before the subcommand counts for it (its own win).
    const chain: Command[] = [];
    for (let c: Command | null = self; c; c = c.parent) chain.unshift(c);
    await runner(spec, pathOf(self), Object.assign({}, ...chain.map((c) => c.opts())), self.args);
  });
}

/** The commander program for a spec; runner runs whichever command the argv names. */
export function buildProgram(runner: Runner, root: CommandSpec = PROGRAM): Command {
  const specs = new Map<Command, CommandSpec>();
  const program = new Command(root.name);
  specs.set(program, root);
  program
    .description(root.description)
    .version(VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [COMMAND...]', 'show the help of a command')
    .enablePositionalOptions()
    .configureHelp({ formatHelp: formatHelp(specs), sortSubcommands: false })
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s), outputError: () => {} })
    .exitOverride((err) => {
      if (err.exitCode === 0) throw new Exit(0);
      throw new Exit(2, sentence(err, program, root));
    });
  for (const sub of root.subcommands ?? []) addCommand(program, sub, specs, runner);
  return program;
}

/** Long and short flags that take a value, across the whole definition: '-n', '--kubeconfig', ... */
function valueFlags(spec: CommandSpec, into = new Set<string>()): Set<string> {
  for (const o of spec.options ?? []) {
    if (!/[<[]/.test(o.flags)) continue;
    for (const f of o.flags.split(/[ ,]+/)) if (f.startsWith('-')) into.add(f);
  }
  for (const s of spec.subcommands ?? []) valueFlags(s, into);
  return into;
}

/**
 * kubectl's (pflag's) forms: `-n=data` is the namespace "data" (commander alone would read "=data"); `help
 * COMMAND...` is `COMMAND... --help`.
 */
export function normalizeArgv(argv: readonly string[], root: CommandSpec = PROGRAM): string[] {
  const takesValue = valueFlags(root);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const m = /^(-[a-zA-Z])=(.*)$/.exec(a);
    out.push(m && takesValue.has(m[1]!) ? `${m[1]}${m[2]}` : a);
    // The next word is this flag's value, whatever it looks like.
    if (takesValue.has(a) && i + 1 < argv.length) out.push(argv[++i]!);
  }
  if (out[0] === 'help') return [...out.slice(1), '--help'];
  return out;
}

/** Parses argv and runs the command it names. Returns the exit code (undefined: the command keeps running). */
export async function runProgram(argv: readonly string[], runner: Runner, root: CommandSpec = PROGRAM): Promise<number | void> {
  // The command's result: commander's parse has nothing to return it through.
  let code: number | void = 0;
  const program = buildProgram(async (...a) => (code = await runner(...a)), root);
  try {
    await program.parseAsync(normalizeArgv(argv, root), { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof Exit) {
      if (err.message) process.stderr.write(`${err.message}\n`);
      return err.code;
    }
    throw err;
  }
}
