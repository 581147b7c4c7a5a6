// The command line's vocabulary, shared by the command table (commands.ts) and its runbook commands
// (ops-commands.ts): a command's spec, the context it runs in and its result.
import type { ConsoleContext } from '../console/types.js';
import type { State } from '../store/index.js';

export interface CommandContext {
  state: () => State;
  actions: State['actions'];
  quit: () => void;
  /** The console's journal, runbooks and action flow; absent where there are none (then runbook commands say so). */
  console?: ConsoleContext;
}

export interface CommandResult {
  ok: boolean;
  /** Shown in the flash line. */
  message?: string;
  /** The flash level; defaults to 'info' when ok and 'error' when not. */
  level?: 'info' | 'warn' | 'error';
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  /** e.g. 'status [NAMESPACE]' */
  usage: string;
  help: string;
  /** A command whose action is above read: left out of the help in read-only mode (and refused there). */
  change?: boolean;
  run(ctx: CommandContext, args: string[]): CommandResult;
}
