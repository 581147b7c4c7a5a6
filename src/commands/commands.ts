// The command line (`:`), as data: each command has a name, aliases, a usage and a run function over a small
// context (the store's actions and state, quit, and the console's context). Parsing and dispatch are pure
// apart from those calls. (The one-shot commands, `sunbeam-console status` and the like, are src/cli; the
// action dialog's state machine is src/runbooks/flow.ts; this is the table of what `:` accepts.)
import type { RungId } from '../store/index.js';
import { LOG_COMMANDS } from './log-commands.js';
import { OPS_COMMANDS } from './ops-commands.js';
import type { CommandContext, CommandResult, CommandSpec } from './types.js';

export type { CommandContext, CommandResult, CommandSpec } from './types.js';

export type ParsedCommand = { ok: true; name: string; args: string[] } | { ok: false; message: string };

/** Splits ":status data" into name and arguments; a leading ':' is optional. */
export function parseCommand(text: string): ParsedCommand {
  const words = text.replace(/^\s*:/, '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: false, message: 'Type a command after ":"; try :help' };
  const [name, ...args] = words;
  return { ok: true, name: name!.toLowerCase(), args };
}

function checkNamespace(ctx: CommandContext, ns: string | undefined): string | undefined {
  if (!ns) return undefined;
  const known = ctx.state().kube.namespaces;
  if (known.length > 0 && !known.includes(ns)) {
    return `No namespace "${ns}" in this cluster; known: ${known.join(', ')}`;
  }
  return undefined;
}

function rungWithNamespace(rung: RungId, label: string) {
  return (ctx: CommandContext, args: string[]): CommandResult => {
    if (args.length > 1) return { ok: false, message: `:${label} takes at most one namespace, e.g. :${label} data` };
    const ns = args[0];
    const bad = checkNamespace(ctx, ns);
    if (bad) return { ok: false, message: bad };
    ctx.actions.setRung(rung);
    ctx.actions.setNamespace(ns);
    return { ok: true, message: ns ? `${label}: namespace ${ns}` : undefined };
  };
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'status',
    aliases: ['st', 'pods', 'po'],
    usage: 'status [NAMESPACE]',
    help: "Rung 1: what's running, optionally in one namespace",
    run: rungWithNamespace(1, 'status'),
  },
  {
    name: 'check',
    aliases: ['ck'],
    usage: 'check [NAMESPACE]',
    help: "Rung 2: what's unhealthy, in dependency order, optionally in one namespace",
    run: rungWithNamespace(2, 'check'),
  },
  {
    name: 'ns',
    aliases: ['namespace'],
    usage: 'ns [NAMESPACE]',
    help: 'Filter the panes to one namespace; without a name, show all namespaces',
    run(ctx, args) {
      if (args.length > 1) return { ok: false, message: ':ns takes at most one namespace' };
      const bad = checkNamespace(ctx, args[0]);
      if (bad) return { ok: false, message: bad };
      ctx.actions.setNamespace(args[0]);
      return { ok: true, message: args[0] ? `Namespace: ${args[0]}` : 'All namespaces' };
    },
  },
  {
    name: 'help',
    aliases: ['h', '?'],
    usage: 'help',
    help: 'Show the keys and the commands',
    run(ctx) {
      ctx.actions.openModal({ id: 'help', kind: 'help', props: {} });
      return { ok: true };
    },
  },
  {
    name: 'quit',
    aliases: ['q', 'q!', 'exit'],
    usage: 'quit',
    help: 'Leave the console (q and Ctrl-C too)',
    run(ctx) {
      ctx.quit();
      return { ok: true };
    },
  },
  ...LOG_COMMANDS,
  ...OPS_COMMANDS,
];

export function findCommand(name: string): CommandSpec | undefined {
  const n = name.toLowerCase();
  return COMMANDS.find((c) => c.name === n || c.aliases.includes(n));
}

/** Parses and runs one command line; the result's message is what the flash line shows. */
export function runCommand(text: string, ctx: CommandContext): CommandResult {
  const parsed = parseCommand(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const spec = findCommand(parsed.name);
  if (!spec) return { ok: false, message: `Unknown command "${parsed.name}"; try :help` };
  return spec.run(ctx, parsed.args);
}

/** Runs a command line and reports its message in the flash line (error level when it failed). */
export function dispatchCommand(text: string, ctx: CommandContext): CommandResult {
  const result = runCommand(text, ctx);
  if (result.message) ctx.actions.flash(result.message, result.level ?? (result.ok ? 'info' : 'error'));
  return result;
}

/** The README command table, as markdown. */
export function commandTableMarkdown(): string {
  const lines = ['| Command | Also | What it does |', '|---|---|---|'];
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  for (const c of COMMANDS) lines.push(`| \`:${cell(c.usage)}\` | ${c.aliases.map((a) => `\`:${a}\``).join(' ')} | ${cell(c.help)} |`);
  return lines.join('\n') + '\n';
}
