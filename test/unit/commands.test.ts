import type { CommandContext } from '../../src/commands/index.js';
import type { ConsoleContext } from '../../src/console/types.js';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS, commandTableMarkdown, dispatchCommand, findCommand, parseCommand } from '../../src/commands/index.js';
import { createAppStore } from '../../src/store/index.js';

function ctx() {
  const store = createAppStore();
  store.getState().actions.applyKube([
    { collection: 'workloads', upsert: [{ key: 'Deployment/data/x', kind: 'Deployment', namespace: 'data', name: 'x', desired: 1, ready: 1, updated: 1, available: 1, generation: 1, observedGeneration: 1, created: '', selector: {}, paused: false, resourceVersion: '1' }] },
  ]);
  const quit = vi.fn();
  return { store, quit, c: { state: store.getState, actions: store.getState().actions, quit } };
}

describe('commands', () => {
  it('parses names and arguments', () => {
    expect(parseCommand(':status data')).toEqual({ ok: true, name: 'status', args: ['data'] });
    expect(parseCommand('  CHECK  ')).toEqual({ ok: true, name: 'check', args: [] });
    expect(parseCommand(':')).toMatchObject({ ok: false });
    expect(findCommand('q')?.name).toBe('quit');
  });

  it(':status NS and :check NS switch rung and namespace; unknown namespaces are refused', () => {
    const { store, c } = ctx();
    expect(dispatchCommand('status data', c).ok).toBe(true);
    expect(store.getState().ui).toMatchObject({ rung: 1, namespace: 'data' });
    expect(dispatchCommand('check', c).ok).toBe(true);
    expect(store.getState().ui).toMatchObject({ rung: 2, namespace: undefined });
    const bad = dispatchCommand('check nope', c);
    expect(bad.ok).toBe(false);
    expect(store.getState().ui.flash).toMatchObject({ level: 'error', text: 'No namespace "nope" in this cluster; known: data' });
  });

  it(':logs checks its argument, says in one sentence when the console cannot follow yet, and opens rung 3 on the service when it can', () => {
    const { store, c } = ctx();
    expect(dispatchCommand('logs sol', c).message).toBe('Usage: :logs NAMESPACE/SERVICE [CONTAINER], e.g. :logs matrix/sol');
    expect(dispatchCommand('logs data/x', c)).toEqual({ ok: false, message: 'Logs cannot be followed yet: the console has not connected to the cluster.' });
    const followed: unknown[] = [];
    const logs = { follow: (id: string, spec: unknown) => void followed.push([id, spec]), stop: () => undefined, stopAll: () => undefined };
    const withLogs: CommandContext = { ...c, console: { logs } as unknown as ConsoleContext };
    const r = dispatchCommand('logs matrix/sol sol', withLogs);
    expect(r).toEqual({ ok: true, message: 'Following matrix/sol (sol)' });
    expect(followed).toEqual([['follow', { namespace: 'matrix', name: 'sol', container: 'sol', window: 'tail' }]]);
    expect(store.getState().ui.rung).toBe(3);
    expect(store.getState().logs.views.follow?.title).toBe('matrix/sol');
  });

  it(':exclude and :highlight set the shown log view\'s regexes, and refuse a bad one in one sentence', () => {
    const { store, c } = ctx();
    expect(dispatchCommand('exclude health', c).ok).toBe(false);
    store.getState().actions.openLogView({ id: 'follow', kind: 'kubernetes', title: 'matrix/sol', window: 'tail', capacity: 10 });
    store.getState().actions.setRung(3);
    expect(dispatchCommand('exclude GET /health', c)).toEqual({ ok: true, message: 'Hiding /GET /health/' });
    expect(store.getState().logs.views.follow?.display.exclude).toBe('GET /health');
    expect(dispatchCommand('highlight (oops', c).message).toMatch(/^The highlight regex "\(oops" is not valid \(/);
    expect(dispatchCommand('exclude', c)).toEqual({ ok: true, message: 'No exclude regex' });
  });

  it(':help opens the help modal, :q quits, unknown commands get one sentence', () => {
    const { store, quit, c } = ctx();
    dispatchCommand('help', c);
    expect(store.getState().ui.modals.map((m) => m.kind)).toEqual(['help']);
    dispatchCommand('q', c);
    expect(quit).toHaveBeenCalledOnce();
    expect(dispatchCommand('foo bar', c)).toEqual({ ok: false, message: 'Unknown command "foo"; try :help' });
    expect(store.getState().ui.flash?.text).toBe('Unknown command "foo"; try :help');
  });

  it('renders the README command table', () => {
    const md = commandTableMarkdown();
    expect(md).toContain('| `:logs NAMESPACE/SERVICE [CONTAINER]` | `:log` | Rung 3: follow every pod and container of a service (Deployment, StatefulSet, CloudNativePG cluster, Service or pod) |');
    expect(md.trim().split('\n')).toHaveLength(COMMANDS.length + 2);
  });

  it('every command has a usage and a help line', () => {
    for (const cmd of COMMANDS) {
      expect(cmd.usage.startsWith(cmd.name)).toBe(true);
      expect(cmd.help.length).toBeGreaterThan(5);
    }
  });
});
