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
    dispatchCommand('logs data/x', c);
    expect(store.getState().ui.flash?.text).toMatch(/^Logs are not connected yet/);
    expect(store.getState().ui.flash?.text).toContain('kubectl logs -n data deploy/x --all-containers --prefix -f');
    expect(store.getState().ui.flash?.level).toBe('warn');
    expect(dispatchCommand('logs sol', c).message).toBe('Usage: :logs NAMESPACE/SERVICE, e.g. :logs matrix/sol');
  });

  it(":logs suggests kubectl for the object's real kind from the store: a CloudNativePG Cluster by its label, sts/, a pod", () => {
    const { store, c } = ctx();
    const suggestion = (ref: string) => dispatchCommand(`logs ${ref}`, c).message ?? '';
    expect(suggestion('data/postgres')).toMatch(/cannot tell what data\/postgres is; try again in a moment\.$/);
    const a = store.getState().actions;
    a.applyKube([
      { collection: 'pgClusters', upsert: [{ key: 'data/postgres', namespace: 'data', name: 'postgres', instances: 2, readyInstances: 0, phase: 'Failing over', conditions: {}, created: '' }] },
      { collection: 'workloads', upsert: [{ key: 'StatefulSet/storage/seaweedfs-volume', kind: 'StatefulSet', namespace: 'storage', name: 'seaweedfs-volume', desired: 1, ready: 1, updated: 1, available: 1, generation: 1, observedGeneration: 1, created: '', selector: { app: 'seaweedfs-volume' }, paused: false, resourceVersion: '1' }] },
      { collection: 'pods', upsert: [{ key: 'data/postgres-1', namespace: 'data', name: 'postgres-1', phase: 'Running', status: 'CrashLoopBackOff', readyContainers: 0, totalContainers: 1, restarts: 3, created: '', labels: { app: 'postgres' }, containers: [], deleting: false, resourceVersion: '1' }] },
    ]);
    a.markSynced('pods');
    a.markSynced('workloads');
    expect(suggestion('data/postgres')).toContain('run: kubectl logs -n data -l cnpg.io/cluster=postgres --all-containers --prefix -f');
    expect(suggestion('data/postgres')).not.toContain('deploy/');
    expect(suggestion('storage/seaweedfs-volume')).toContain('run: kubectl logs -n storage sts/seaweedfs-volume --all-containers --prefix -f');
    expect(suggestion('data/postgres-1')).toContain('run: kubectl logs -n data postgres-1 --all-containers --prefix -f');
    const none = dispatchCommand('logs data/nope', c);
    expect(none).toEqual({ ok: false, message: 'Nothing at data/nope: no CloudNativePG Cluster, Deployment, StatefulSet, DaemonSet or pod of that name (:status data lists what runs there).' });
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
