// The command line's runbook commands (issue 4), as data like the rest of the command table: restart, backup,
// pitr, renew, acme, certs, runbook, note, timeline, emergency and coe. They reach the console's context
// (journal, runbooks, action flow) through the command context; the read-only gate refuses above-read ones
// with readOnlyRefusal's sentence. backup and pitr name no target: their runbooks act on the Box's database
// (BoxNames, from the config file).
import { readOnlyRefusal } from '../actions/tiers.js';
import { acmeCheck, renew, restart, startRunbook, unseal, unsealReset } from '../console/action-dialog.js';
import { currentSelection } from '../console/console-keys.js';
import { addNote, exportCoeDraft } from '../console/journal-ops.js';
import { openPicker, pickerItems } from '../console/picker-dialog.js';
import type { ConsoleContext } from '../console/types.js';
import type { CommandContext, CommandResult, CommandSpec } from './types.js';

const REF = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function withOps(run: (ops: ConsoleContext, ctx: CommandContext, args: string[]) => CommandResult) {
  return (ctx: CommandContext, args: string[]): CommandResult => {
    const ops = ctx.console;
    if (!ops) return { ok: false, message: 'Runbooks are not available in this console.' };
    return run(ops, ctx, args);
  };
}

function refused(verb: string, tier: 'change' | 'destructive' | 'secret', ctx: CommandContext): CommandResult | undefined {
  const r = readOnlyRefusal({ verb, tier }, ctx.state().ui.readOnly, ctx.state().ui.readOnlyCause);
  return r ? { ok: false, message: r } : undefined;
}

/** A workload or CloudNativePG cluster the store knows, or undefined when the store has not synced yet. */
function knownWorkload(ctx: CommandContext, ref: string): boolean | undefined {
  const k = ctx.state().kube;
  if (!k.synced.workloads && !k.synced.pods) return undefined;
  const [ns, name] = ref.split('/');
  return Object.values(k.workloads).some((w) => w.namespace === ns && w.name === name) || Object.values(k.pgClusters).some((c) => c.namespace === ns && c.name === name);
}

function started(message?: string): CommandResult {
  return message ? { ok: false, message } : { ok: true };
}

export const OPS_COMMANDS: readonly CommandSpec[] = [
  {
    name: 'restart',
    aliases: ['rs'],
    usage: 'restart NS/WORKLOAD',
    help: 'Restart a Deployment, StatefulSet or CloudNativePG cluster (asks y/N first)',
    change: true,
    run: withOps((ops, ctx, args) => {
      const no = refused('restart', 'change', ctx);
      if (no) return no;
      const ref = args[0] ?? '';
      if (args.length !== 1 || !REF.test(ref)) return { ok: false, message: 'Usage: :restart NAMESPACE/WORKLOAD, e.g. :restart matrix/sol' };
      if (knownWorkload(ctx, ref) === false) return { ok: false, message: `No workload or cluster ${ref} in this cluster; :status lists them.` };
      restart(ops, ref);
      return { ok: true };
    }),
  },
  {
    name: 'unseal',
    aliases: [],
    usage: 'unseal [reset]',
    help: 'Unseal OpenBao: one hidden key share at a time to every sealed replica, the leader first (reset: discard the shares entered)',
    change: true,
    run: withOps((ops, ctx, args) => {
      const reset = args[0] === 'reset';
      if (args.length > 1 || (args.length === 1 && !reset)) return { ok: false, message: 'Usage: :unseal, or :unseal reset (the share is asked hidden, never typed here)' };
      const no = refused(reset ? 'reset the unseal' : 'unseal', reset ? 'change' : 'secret', ctx);
      if (no) return no;
      if (reset) unsealReset(ops);
      else unseal(ops);
      return { ok: true };
    }),
  },
  {
    name: 'backup',
    aliases: [],
    usage: 'backup [cnpg]',
    help: 'Take a backup now: barman (default) or a CloudNativePG Backup',
    change: true,
    run: withOps((ops, ctx, args) => {
      const no = refused('backup', 'change', ctx);
      if (no) return no;
      if (args.length > 1 || (args[0] && args[0] !== 'cnpg' && args[0] !== 'barman')) return { ok: false, message: 'Usage: :backup (barman) or :backup cnpg' };
      return started(startRunbook(ops, args[0] === 'cnpg' ? 'backup-cnpg' : 'backup-barman'));
    }),
  },
  {
    name: 'pitr',
    aliases: [],
    usage: 'pitr',
    help: 'Point-in-time recovery, guided: the target time, preflight, the recovery manifest (destructive)',
    change: true,
    run: withOps((ops, ctx, args) => {
      const no = refused('restore', 'destructive', ctx);
      if (no) return no;
      if (args.length) return { ok: false, message: ':pitr takes no arguments; it asks for the target time.' };
      return started(startRunbook(ops, 'pitr'));
    }),
  },
  {
    name: 'renew',
    aliases: [],
    usage: 'renew NS/CERT [delete|issuing]',
    help: 'Force a certificate renewal (cmctl way by default when not ingress-shim managed)',
    change: true,
    run: withOps((ops, ctx, args) => {
      const ref = args[0] ?? '';
      const method = args[1];
      if (!REF.test(ref) || args.length > 2 || (method && method !== 'delete' && method !== 'issuing')) {
        return { ok: false, message: 'Usage: :renew NAMESPACE/CERTIFICATE [delete|issuing], e.g. :renew ingress/pingora-tls' };
      }
      const no = method === 'delete' ? refused('delete', 'destructive', ctx) : refused('renew', 'change', ctx);
      if (no) return no;
      renew(ops, ref, (method as 'delete' | 'issuing' | undefined) ?? 'auto');
      return { ok: true };
    }),
  },
  {
    name: 'acme',
    aliases: [],
    usage: 'acme NS/CERT',
    help: "Check a certificate's ACME orders and challenges (read)",
    run: withOps((ops, _ctx, args) => {
      const ref = args[0] ?? '';
      if (args.length !== 1 || !REF.test(ref)) return { ok: false, message: 'Usage: :acme NAMESPACE/CERTIFICATE, e.g. :acme ingress/pingora-tls' };
      acmeCheck(ops, ref);
      return { ok: true };
    }),
  },
  {
    name: 'certs',
    aliases: ['certificates', 'cert'],
    usage: 'certs',
    help: 'Certificates with Ready, notAfter and renewal time; Enter offers renew and the ACME check',
    run(ctx) {
      ctx.actions.openModal({ id: 'certs', kind: 'certs', props: { cursor: 0 } });
      return { ok: true };
    },
  },
  {
    name: 'runbook',
    aliases: ['rb'],
    usage: 'runbook [ID]',
    help: 'Run a runbook by id; without one, list the runbooks for this rung',
    run: withOps((ops, _ctx, args) => {
      if (args.length === 0) {
        const sel = currentSelection(ops);
        openPicker(ops, pickerItems(ops, sel), 'Runbooks', sel);
        return { ok: true };
      }
      if (args.length > 1) return { ok: false, message: 'Usage: :runbook ID, e.g. :runbook sol-restart' };
      const rb = ops.runbooks.find((r) => r.id === args[0]);
      if (!rb) return { ok: false, message: `No runbook "${args[0]}"; known: ${ops.runbooks.map((r) => r.id).join(', ')}` };
      return started(startRunbook(ops, rb.id, currentSelection(ops)));
    }),
  },
  {
    name: 'note',
    aliases: [],
    usage: 'note TEXT',
    help: 'Add a note to the incident journal',
    run: withOps((ops, ctx, args) => {
      if (args.length === 0) {
        ctx.actions.openModal({ id: 'note', kind: 'note', props: { text: '' } });
        return { ok: true };
      }
      return { ok: true, message: addNote(ops, args.join(' ')) };
    }),
  },
  {
    name: 'timeline',
    aliases: ['tl', 'journal'],
    usage: 'timeline',
    help: "The journal's timeline: rung changes, actions and notes",
    run(ctx) {
      ctx.actions.openModal({ id: 'timeline', kind: 'timeline', props: { offset: -1 } });
      return { ok: true };
    },
  },
  {
    name: 'emergency',
    aliases: ['em', 'sos'],
    usage: 'emergency',
    help: "The playbook's emergency table; Enter offers a situation's runbooks",
    run: withOps((_ops, ctx) => {
      ctx.actions.openModal({ id: 'emergency', kind: 'emergency', props: { cursor: 0 } });
      return { ok: true };
    }),
  },
  {
    name: 'coe',
    aliases: [],
    usage: 'coe',
    help: "Write a COE draft from the journal: into coeDir, else the repo's docs/ops/, else the state dir (a demo: its own)",
    run: withOps((ops) => {
      try {
        return { ok: true, message: exportCoeDraft(ops) };
      } catch (err) {
        return { ok: false, message: (err as Error).message.split('\n')[0] };
      }
    }),
  },
];
