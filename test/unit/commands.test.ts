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

  it(':logs says plainly that logs are not connected, and checks its argument', () => {
    const { store, c } = ctx();
    dispatchCommand('logs matrix/sol', c);
    expect(store.getState().ui.flash?.text).toMatch(/^Logs are not connected yet/);
    expect(store.getState().ui.flash?.text).toContain('kubectl logs -n matrix deploy/sol -f');
    expect(store.getState().ui.flash?.level).toBe('warn');
    expect(dispatchCommand('logs sol', c).message).toBe('Usage: :logs NAMESPACE/SERVICE, e.g. :logs matrix/sol');
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
    expect(md).toContain('| `:logs NAMESPACE/SERVICE` | `:log` | Rung 3: follow the logs of a service |');
    expect(md.trim().split('\n')).toHaveLength(COMMANDS.length + 2);
  });

  it('every command has a usage and a help line', () => {
    for (const cmd of COMMANDS) {
      expect(cmd.usage.startsWith(cmd.name)).toBe(true);
      expect(cmd.help.length).toBeGreaterThan(5);
    }
  });
});
