import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmationFor, confirmationPrompt, confirmationSatisfied, maxTier, permitted, readOnlyRefusal } from '../../src/actions/tiers.js';
import { execute } from '../../src/actions/executor.js';
import type { Action } from '../../src/actions/types.js';
import { Journal } from '../../src/journal/journal.js';
import type { KubeClients } from '../../src/kube/client.js';
import { createWriters } from '../../src/actions/writers/index.js';

function action(tier: Action['tier'], name = 'sol', ran: { count: number } = { count: 0 }): Action {
  return {
    id: 'restart',
    verb: 'restart',
    title: `Restart matrix/${name}`,
    target: { kind: 'Deployment', namespace: 'matrix', name },
    tier,
    confirmation: confirmationFor(tier, name),
    params: [],
    steps: [
      {
        title: 'the step',
        tier,
        dryRunnable: true,
        calls: [{ equivalent: { tool: 'kubectl', command: `kubectl -n matrix rollout restart deployment/${name}` }, method: 'PATCH', path: '/x' }],
        async run() {
          ran.count++;
          return { ok: true, message: 'ran' };
        },
      },
    ],
  };
}

const noClients = {} as KubeClients;

describe('tiers and confirmation', () => {
  it('maps each tier to its confirmation', () => {
    expect(confirmationFor('read', 'x')).toEqual({ kind: 'none' });
    expect(confirmationFor('change', 'x')).toEqual({ kind: 'yes-no', default: 'no' });
    expect(confirmationFor('destructive', 'pingora-tls')).toEqual({ kind: 'typed', expect: 'pingora-tls' });
    expect(confirmationFor('secret', 'x', 'Unseal key').kind).toBe('secret');
    expect(maxTier(['read', 'destructive', 'change'])).toBe('destructive');
  });

  it('No is the default of a yes/no confirmation', () => {
    const a = action('change');
    expect(confirmationSatisfied(a, '')).toBe(false);
    expect(confirmationSatisfied(a, undefined)).toBe(false);
    expect(confirmationSatisfied(a, 'n')).toBe(false);
    expect(confirmationSatisfied(a, 'no')).toBe(false);
    expect(confirmationSatisfied(a, 'maybe')).toBe(false);
    expect(confirmationSatisfied(a, 'y')).toBe(true);
    expect(confirmationSatisfied(a, 'YES')).toBe(true);
  });

  it('typed confirmation requires the exact name', () => {
    const a = action('destructive', 'pingora-tls');
    expect(confirmationSatisfied(a, 'pingora-tls')).toBe(true);
    expect(confirmationSatisfied(a, 'pingora')).toBe(false);
    expect(confirmationSatisfied(a, 'PINGORA-TLS')).toBe(false);
    expect(confirmationSatisfied(a, ' pingora-tls')).toBe(false);
    expect(confirmationSatisfied(a, 'y')).toBe(false);
  });

  it('read needs nothing; secret needs a value', () => {
    expect(confirmationSatisfied(action('read'), undefined)).toBe(true);
    expect(confirmationSatisfied(action('secret'), '')).toBe(false);
    expect(confirmationSatisfied(action('secret'), 'k')).toBe(true);
  });
});

describe('read-only gate', () => {
  it('refuses everything above read with the message', () => {
    expect(readOnlyRefusal({ verb: 'restart', tier: 'change' }, true)).toBe('Read-only mode: restart is a change; start without --read-only to run it.');
    expect(readOnlyRefusal({ verb: 'delete certificate', tier: 'destructive' }, true)).toMatch(/^Read-only mode: delete certificate is destructive/);
    expect(readOnlyRefusal({ verb: 'unseal', tier: 'secret' }, true)).toMatch(/^Read-only mode: unseal/);
    expect(readOnlyRefusal({ verb: 'logs', tier: 'read' }, true)).toBeUndefined();
    expect(readOnlyRefusal({ verb: 'restart', tier: 'change' }, false)).toBeUndefined();
    expect(permitted({ verb: 'restart', tier: 'change' }, true)).toBe(false);
  });

  it('names what made the run read-only, not always --read-only', () => {
    const change = { verb: 'restart', tier: 'change' } as const;
    expect(readOnlyRefusal(change, true, [{ by: 'file', file: '/home/u/.config/sunbeam-console/config.yaml' }])).toBe(
      'Read-only mode: restart is a change; remove readOnly: true from /home/u/.config/sunbeam-console/config.yaml to run it.',
    );
    expect(readOnlyRefusal(change, true, [{ by: 'env', value: '1' }])).toBe('Read-only mode: restart is a change; start without SUNBEAM_READ_ONLY=1 to run it.');
    expect(readOnlyRefusal(change, true, [{ by: 'bad-config', file: '/etc/sc.yaml' }])).toBe('Read-only mode: restart is a change; fix /etc/sc.yaml (it could not be read) to run it.');
    expect(readOnlyRefusal(change, true, [{ by: 'flag' }, { by: 'env', value: 'true' }])).toBe(
      'Read-only mode: restart is a change; start without --read-only and SUNBEAM_READ_ONLY=true to run it.',
    );
  });

  it('the executor refuses in read-only mode, journals the refusal and runs nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const journal = new Journal({ dir, user: 'oncall' });
    const ran = { count: 0 };
    const r = await execute(action('change', 'sol', ran), {}, { clients: { kube: noClients }, writers: createWriters({ kube: noClients }), journal, readOnly: true, confirmation: 'y' });
    expect(r.outcome).toBe('refused');
    expect(r.message).toBe('Read-only mode: restart is a change; start without --read-only to run it.');
    expect(ran.count).toBe(0);
    const entries = journal.read().entries;
    expect(entries.map((e) => e.kind)).toEqual(['action-start', 'action-end']);
    expect(entries[1]).toMatchObject({ outcome: 'refused', who: 'oncall' });
    expect(journal.currentIncident()).toBeUndefined();
  });

  it('the executor refuses an unconfirmed change and a wrongly typed name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    const journal = new Journal({ dir });
    const ran = { count: 0 };
    expect((await execute(action('change', 'sol', ran), {}, { clients: { kube: noClients }, writers: createWriters({ kube: noClients }), journal, readOnly: false })).outcome).toBe('refused');
    const typed = await execute(action('destructive', 'pingora-tls', ran), {}, { clients: { kube: noClients }, writers: createWriters({ kube: noClients }), journal, readOnly: false, confirmation: 'pingora' });
    expect(typed.outcome).toBe('refused');
    expect(typed.message).toBe('Not confirmed: type "pingora-tls" exactly to restart.');
    expect(ran.count).toBe(0);
    const ok = await execute(action('change', 'sol', ran), {}, { clients: { kube: noClients }, writers: createWriters({ kube: noClients }), journal, readOnly: false, confirmation: 'y', user: 'alice' });
    expect(ok.outcome).toBe('succeeded');
    expect(ran.count).toBe(1);
    const last = journal.read().entries.filter((e) => e.kind === 'action-start' || e.kind === 'action-end').slice(-2);
    expect(last.map((e) => [e.kind, e.who])).toEqual([
      ['action-start', 'alice'],
      ['action-end', 'alice'],
    ]);
    expect(journal.currentIncident()).toMatch(/^INC-/);
  });

  it('an action that cannot be journaled is not run', async () => {
    const base = mkdtempSync(join(tmpdir(), 'sc-journal-'));
    writeFileSync(join(base, 'file'), 'x');
    const journal = new Journal({ dir: join(base, 'file', 'journal') });
    const ran = { count: 0 };
    const r = await execute(action('change', 'sol', ran), {}, { clients: { kube: noClients }, writers: createWriters({ kube: noClients }), journal, readOnly: false, confirmation: 'y' });
    expect(r.outcome).toBe('refused');
    expect(r.message).toMatch(/^The journal in .* cannot be written \(ENOTDIR\); nothing was changed\.$/);
    expect(ran.count).toBe(0);
  });

  it('prompts say what to answer', () => {
    expect(confirmationPrompt(action('change'))).toBe('Restart matrix/sol? [y/N]');
    expect(confirmationPrompt(action('destructive', 'pingora-tls'))).toBe('Type pingora-tls to confirm (anything else cancels):');
    // The console's dialog keeps a wrong name open (only Esc cancels), and says so.
    expect(confirmationPrompt(action('destructive', 'pingora-tls'), 'dialog')).toBe('Type pingora-tls to confirm (a wrong name does nothing; Esc cancels):');
    expect(confirmationPrompt(action('change'), 'dialog')).toBe('Restart matrix/sol? [y/N]');
    expect(confirmationPrompt(action('read'))).toBe('');
  });
});
