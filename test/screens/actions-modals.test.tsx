// The runbook dialogs on the real console screen (ink-testing-library), with the real flow, executor and journal;
// only the planners that would read the cluster are replaced by test actions whose step records its runs.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Console } from '../../screens/App.js';
import { confirmationFor } from '../../src/actions/tiers.js';
import type { Action, ActionStep, Tier } from '../../src/actions/types.js';
import { startPlanned } from '../../src/console/action-dialog.js';
import { journalRungChanges } from '../../src/console/rung-journal.js';
import type { SourceClients } from '../../src/sources/source.js';
import { armed, boxStore, consoleFor, postgresDownLadder } from './fixtures.js';
import { KEY, press, settle, type, waitUntil } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbc-actions-'));
});
afterEach(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function testAction(tier: Tier, ns: string, name: string, run: ActionStep['run'], secret = false): Action {
  return {
    id: `test-${tier}`,
    verb: tier === 'destructive' ? 'delete' : tier === 'secret' ? 'unseal' : 'restart',
    title: `${tier === 'destructive' ? 'Delete' : tier === 'secret' ? 'Unseal' : 'Restart'} ${ns}/${name}`,
    target: { kind: 'Deployment', namespace: ns, name },
    tier,
    confirmation: confirmationFor(tier, name, 'Unseal key'),
    params: secret ? [{ name: 'key', prompt: 'Unseal key', secret: true }] : [],
    steps: [
      {
        title: `Step on ${ns}/${name}`,
        tier,
        calls: [{ equivalent: { tool: 'kubectl', command: `kubectl -n ${ns} rollout restart deployment/${name}` }, method: 'PATCH', path: `/apis/apps/v1/namespaces/${ns}/deployments/${name}` }],
        dryRunnable: true,
        preflight: async () => [
          { label: 'Replicas', value: '1/1 ready', level: 'ok' },
          { label: 'Availability', value: 'one replica', level: 'warn' },
        ],
        run,
      },
    ],
  };
}

function mount(opts: { readOnly?: boolean; tier?: Tier } = {}) {
  const store = boxStore();
  if (opts.readOnly) store.setState({ ui: { ...store.getState().ui, readOnly: true } });
  const run = vi.fn<ActionStep['run']>(async (ctx) => ({ ok: true, message: ctx.dryRun ? 'Dry run: the server accepted it.' : 'done, all replaced' }));
  const restart = vi.fn(async (_c: SourceClients, ref: string) => {
    const [ns, name] = ref.split('/') as [string, string];
    return testAction(opts.tier ?? 'change', ns, name, run);
  });
  const renew = vi.fn(async (_c: SourceClients, ref: string) => {
    const [ns, name] = ref.split('/') as [string, string];
    return testAction('destructive', ns, name, run);
  });
  const ops = consoleFor(store, { dir, planners: { restart, renew } });
  const quit = vi.fn();
  const r = render(<Console store={store} evaluate={() => postgresDownLadder()} console={ops} quit={quit} size={{ columns: 100, rows: 30 }} />);
  return { ...r, store, run, restart, renew, ops, journal: ops.journal };
}

const frame = (r: { lastFrame(): string | undefined }) => r.lastFrame() ?? '';

async function command(r: { stdin: { write(s: string): void } }, text: string) {
  await press(r.stdin, ':');
  await type(r.stdin, text);
  await press(r.stdin, KEY.enter);
  await until(() => true);
}

/** Waits (settling the event loop) until `test` holds; generous, fails with a sentence when it does not. */
const until = (test: () => boolean, ms = 3000) => waitUntil(test, ms);

const journalText = () =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('');

describe('change tier: y/N with No as the default', () => {
  it('shows title, target, tier, preflight and kubectl; Enter alone cancels and runs nothing', async () => {
    const r = mount();
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]'));
    const f = frame(r);
    expect(f).toContain('Restart messages/messages? [y/N]');
    expect(f).toContain('Target: Deployment messages/messages');
    expect(f).toContain('Tier:   change');
    expect(f).toContain('✓ Replicas: 1/1 ready');
    expect(f).toContain('! Availability: one replica');
    expect(f).toContain('$ kubectl -n messages rollout restart deployment/messages');
    await press(r.stdin, KEY.enter);
    await until(() => !frame(r).includes('[y/N]'));
    expect(frame(r)).not.toContain('[y/N]');
    expect(frame(r)).toContain('Cancelled: nothing was changed.');
    expect(r.run).not.toHaveBeenCalled();
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('Esc cancels before anything runs', async () => {
    const r = mount();
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]'));
    await press(r.stdin, KEY.esc);
    await until(() => r.store.getState().ui.modals.length === 0);
    expect(r.store.getState().ui.modals).toEqual([]);
    expect(r.run).not.toHaveBeenCalled();
  });

  it('y runs it, journals it and shows the result; d before that is a dry run', async () => {
    const r = mount();
    await command(r, 'restart messages/messages');
    await until(() => frame(r).includes('[y/N]') && armed(r.store));
    await press(r.stdin, 'd');
    await until(() => frame(r).includes('Dry run: the server accepted it.'));
    expect(r.run).toHaveBeenCalledTimes(1);
    expect(r.run.mock.calls[0]![0].dryRun).toBe(true);
    await press(r.stdin, KEY.esc);
    await until(() => frame(r).includes('[y/N]') && armed(r.store));
    await press(r.stdin, 'y');
    await until(() => frame(r).includes('Succeeded'));
    expect(frame(r)).toContain('✓ Succeeded: done, all replaced');
    expect(r.run).toHaveBeenCalledTimes(2);
    expect(r.run.mock.calls[1]![0].dryRun).toBe(false);
    expect(journalText()).toContain('"kind":"action-end"');
    await press(r.stdin, KEY.esc);
    await until(() => r.store.getState().ui.modals.length === 0);
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('an unknown target is one sentence, no dialog', async () => {
    const r = mount();
    r.store.getState().actions.markSynced('workloads');
    await command(r, 'restart matrix/nope');
    expect(frame(r)).toContain('No workload or cluster matrix/nope in this cluster');
    expect(r.restart).not.toHaveBeenCalled();
    expect(r.store.getState().ui.modals).toEqual([]);
  });
});

describe('destructive tier: type the name', () => {
  it('does nothing until the exact name is typed; a wrong name + Enter keeps the dialog', async () => {
    const r = mount();
    await command(r, 'renew ingress/pingora-tls delete');
    await until(() => frame(r).includes('Type pingora-tls to confirm') && armed(r.store));
    expect(frame(r)).toContain('Type pingora-tls to confirm (a wrong name does nothing; Esc cancels):');
    expect(frame(r)).not.toContain('anything else cancels');
    expect(frame(r)).toContain('Tier:   destructive');
    await type(r.stdin, 'pingora');
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('exactly'));
    expect(frame(r)).toContain('Type pingora-tls exactly, or Esc to cancel.');
    expect(r.run).not.toHaveBeenCalled();
    await press(r.stdin, KEY.enter);
    expect(r.run).not.toHaveBeenCalled();
    await type(r.stdin, '-tls');
    expect(frame(r)).toContain('> pingora-tls');
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('Succeeded'));
    expect(r.run).toHaveBeenCalledTimes(1);
    expect(r.run.mock.calls[0]![0].dryRun).toBe(false);
  });
});

describe('secret tier: hidden input', () => {
  it('never shows the typed characters (nor their count), keeps them out of the store and the journal', async () => {
    const r = mount();
    const run = vi.fn<ActionStep['run']>(async (ctx) => ({ ok: ctx.params.key === 'S3cr3tUnsealKey', message: 'unsealed' }));
    startPlanned(r.ops, 'Unseal', () => testAction('secret', 'openbao', 'openbao', run, true));
    await until(() => frame(r).includes('Unseal key (hidden)') && armed(r.store));
    const before = frame(r);
    await type(r.stdin, 'S3cr3tUnsealKey');
    const typed = frame(r);
    expect(typed).toContain('[hidden]');
    await type(r.stdin, 'x');
    await press(r.stdin, KEY.backspace);
    // The mask is the same whatever the length.
    expect(frame(r)).toBe(typed);
    expect(JSON.stringify(r.store.getState().ui)).not.toContain('S3cr3t');
    await press(r.stdin, KEY.enter);
    await until(() => frame(r).includes('Succeeded'));
    expect(run).toHaveBeenCalledTimes(1);
    for (const f of [before, ...r.frames]) expect(f).not.toMatch(/S3cr3t|cr3tUn|UnsealKey/);
    expect(journalText()).not.toContain('S3cr3t');
    expect(JSON.stringify(r.store.getState())).not.toContain('S3cr3t');
    expect(r.ops.secret.typed).toBe(false);
  });
});

describe('read-only mode', () => {
  it(':restart gives the read-only sentence and opens nothing', async () => {
    const r = mount({ readOnly: true });
    await command(r, 'restart messages/messages');
    expect(frame(r)).toContain('Read-only mode: restart is a change; start without --read-only to run it.');
    expect(r.restart).not.toHaveBeenCalled();
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('the read-only sentence names its real cause: readOnly: true in the config file', async () => {
    const r = mount({ readOnly: true });
    r.store.setState({ ui: { ...r.store.getState().ui, readOnlyCause: [{ by: 'file', file: '/home/op/.config/sunbeam-console/config.yaml' }] } });
    await command(r, 'restart messages/messages');
    expect(frame(r)).toContain('Read-only mode: restart is a change; remove readOnly: true from');
    expect(r.store.getState().ui.flash?.text).toBe('Read-only mode: restart is a change; remove readOnly: true from /home/op/.config/sunbeam-console/config.yaml to run it.');
    expect(r.restart).not.toHaveBeenCalled();
  });

  it('r offers only read runbooks; R only explains; the bar and help leave R out', async () => {
    const r = mount({ readOnly: true });
    await settle();
    expect(frame(r)).not.toContain('R restart');
    await press(r.stdin, '5', 'r');
    await until(() => frame(r).includes('Runbooks for'));
    const f = frame(r);
    expect(f).toContain('[read]');
    expect(f).not.toMatch(/\[change\]|\[destructive\]|\[secret\]/);
    await press(r.stdin, KEY.esc);
    await press(r.stdin, '1', 'R');
    expect(frame(r)).toContain('Read-only mode: restart is a change');
    expect(r.restart).not.toHaveBeenCalled();
    await press(r.stdin, '?');
    const help = frame(r);
    expect(help).toContain('Keys for');
    expect(help).not.toContain('Restart the selected workload');
  });

  it('the full mode offers change runbooks on rung 5 (barman backup, CNPG Backup, PITR)', async () => {
    const r = mount();
    await press(r.stdin, '5', 'r');
    await until(() => frame(r).includes('Runbooks for'));
    expect(frame(r)).toContain('(backup-barman)');
    expect(frame(r)).toContain('(backup-cnpg)');
    expect(frame(r)).toMatch(/\[destructive\] Point-in-time restore/);
  });
});

describe('notes, timeline and COE', () => {
  it('n adds a note to the journal; t shows it; :coe writes the draft', async () => {
    const r = mount();
    await press(r.stdin, 'n');
    await type(r.stdin, 'sol restarted by hand');
    expect(frame(r)).toContain('> sol restarted by hand');
    await press(r.stdin, KEY.enter);
    expect(journalText()).toContain('"text":"sol restarted by hand"');
    await press(r.stdin, 't');
    expect(frame(r)).toContain('Timeline');
    expect(frame(r)).toContain('sol restarted by hand');
    await press(r.stdin, KEY.esc);
    await command(r, 'coe');
    const files = readdirSync(join(dir, 'docs', 'ops'));
    expect(files).toHaveLength(1);
    expect(frame(r)).toContain('Wrote the COE draft');
  });
});

describe('picker and ladder journaling', () => {
  it('r on a selected workload lists its runbooks with tier badges; typing filters; Esc clears, then closes', async () => {
    const r = mount();
    await command(r, 'status messages');
    await press(r.stdin, 'j');
    await press(r.stdin, 'r');
    await until(() => frame(r).includes('Runbooks for Deployment messages/messages'));
    expect(frame(r)).toContain('[change]');
    await type(r.stdin, 'logs');
    expect(frame(r)).toContain('Filter: logs');
    expect(frame(r)).not.toContain('(restart)');
    await press(r.stdin, KEY.esc);
    expect(frame(r)).toContain('(restart)');
    await press(r.stdin, KEY.esc);
    expect(r.store.getState().ui.modals).toEqual([]);
  });

  it('a rung going red is journaled once, however often the same ladder is seen', async () => {
    const r = mount();
    const ladder = postgresDownLadder();
    // The composition root's subscriber: evaluated now and on each change of the state it reads.
    const stop = journalRungChanges(r.store, r.journal, () => postgresDownLadder());
    r.store.getState().actions.applyKube([{ collection: 'pods', upsert: [{ ...r.store.getState().kube.pods['data/postgres-1']!, restarts: 9 }] }]);
    r.store.getState().actions.setSource('kubernetes', { state: 'ok', lastSuccess: Date.now() + 1 });
    stop();
    const rungs = journalText()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; rung?: number; to?: string })
      .filter((e) => e.kind === 'rung');
    const failing = ladder.rungs.filter((x) => x.verdict === 'failing');
    expect(failing.length).toBeGreaterThan(0);
    expect(rungs).toHaveLength(failing.length);
    expect(rungs.every((e) => e.to === 'failing')).toBe(true);
  });
});
