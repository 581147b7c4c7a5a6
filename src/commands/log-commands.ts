// The log views' commands: `:logs NS/NAME [CONTAINER]` opens rung 3 on a service (what `l` does on a row),
// `:exclude RE` and `:highlight RE` set the shown view's regexes (nothing clears them; the include regex is
// the pane filter, `/`), `:query LOGQL` changes rung 7's Loki query (e opens it filled in).
import { activeLogView, openLogs } from '../console/log-keys.js';
import { compileLogRegex } from '../logs/filter.js';
import type { CommandContext, CommandResult, CommandSpec } from './types.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function setRegex(ctx: CommandContext, key: 'exclude' | 'highlight', args: string[]): CommandResult {
  const id = activeLogView(ctx.state());
  const view = id ? ctx.state().logs.views[id] : undefined;
  if (!view) return { ok: false, message: `:${key} works on the Logs (3) and Errors (7) panes, once they show lines.` };
  const src = args.join(' ');
  const compiled = src ? compileLogRegex(src, key, { caseless: true }) : undefined;
  if (compiled && !compiled.ok) return { ok: false, message: compiled.error };
  ctx.actions.setLogDisplay(view.id, { [key]: src });
  return { ok: true, message: src ? `${key === 'exclude' ? 'Hiding' : 'Highlighting'} /${src}/` : `No ${key} regex` };
}

export const LOG_COMMANDS: CommandSpec[] = [
  {
    name: 'logs',
    aliases: ['log'],
    usage: 'logs NAMESPACE/SERVICE [CONTAINER]',
    help: 'Rung 3: follow every pod and container of a service (Deployment, StatefulSet, CloudNativePG cluster, Service or pod)',
    run(ctx, args) {
      const target = args[0] ?? '';
      if (args.length < 1 || args.length > 2 || !NAME.test(target)) return { ok: false, message: 'Usage: :logs NAMESPACE/SERVICE [CONTAINER], e.g. :logs matrix/sol' };
      const [namespace, name] = target.split('/') as [string, string];
      return openLogs(ctx.console, ctx.actions, { namespace, name, ...(args[1] ? { container: args[1] } : {}) });
    },
  },
  {
    name: 'exclude',
    aliases: [],
    usage: 'exclude [REGEX]',
    help: 'Logs and Errors panes: hide the lines matching a regex (without one: show them again)',
    run: (ctx, args) => setRegex(ctx, 'exclude', args),
  },
  {
    name: 'highlight',
    aliases: [],
    usage: 'highlight [REGEX]',
    help: 'Logs and Errors panes: highlight what matches a regex (without one: no highlight)',
    run: (ctx, args) => setRegex(ctx, 'highlight', args),
  },
  {
    name: 'query',
    aliases: [],
    usage: 'query LOGQL',
    help: 'Errors pane: the LogQL query of rung 7 (default {level="error"})',
    run(ctx, args) {
      const q = args.join(' ').trim();
      if (!q.startsWith('{')) return { ok: false, message: 'Usage: :query LOGQL, a stream selector first, e.g. :query {level="error", namespace="matrix"}' };
      ctx.actions.setLokiErrors({ query: q });
      ctx.actions.setRung(7);
      return { ok: true, message: `Rung 7 asks Loki for ${q}` };
    },
  },
];
