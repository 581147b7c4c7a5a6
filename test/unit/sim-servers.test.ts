// The simulator as a list of servers beside one Box: the registry's shape, the merged environment, and the
// layering that keeps the wire layers apart from the Box's behaviour.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergedEnv, SIM_SERVERS, stopServers, type StartedServers } from '../../src/sim/servers/index.js';
import type { RunningServer } from '../../src/sim/servers/types.js';

const running = (env: Record<string, string>, log: string[] = [], name = ''): RunningServer => ({
  url: `https://127.0.0.1:1/${name}`,
  env,
  stop: async () => void log.push(name),
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

describe('the server registry', () => {
  it('keys each server by its own id, the Kubernetes API first', () => {
    const entries = Object.entries(SIM_SERVERS);
    expect(entries[0]![0]).toBe('kubernetes');
    for (const [key, server] of entries) expect(server.id).toBe(key);
  });

  it('merges every server’s environment in registry order, and refuses two servers setting one variable', () => {
    const two = { kubernetes: running({ KUBECONFIG: '/k' }), bao: running({ BAO_ADDR: 'https://b', BAO_CACERT: '/ca' }) } as unknown as StartedServers;
    expect(Object.entries(mergedEnv(two))).toEqual([
      ['KUBECONFIG', '/k'],
      ['BAO_ADDR', 'https://b'],
      ['BAO_CACERT', '/ca'],
    ]);
    const clash = { kubernetes: running({ KUBECONFIG: '/k' }), other: running({ KUBECONFIG: '/x' }) } as unknown as StartedServers;
    expect(() => mergedEnv(clash)).toThrow('The simulated servers "kubernetes" and "other" both set KUBECONFIG.');
  });

  it('stops servers in the reverse of their start order, all of them even when one fails', async () => {
    const log: string[] = [];
    const failing: RunningServer = {
      url: '',
      env: {},
      stop: async () => {
        log.push('b');
        throw new Error('b failed');
      },
    };
    await expect(stopServers([running({}, log, 'a'), failing, running({}, log, 'c')])).rejects.toThrow('b failed');
    expect(log).toEqual(['c', 'b', 'a']);
  });
});

describe('the simulator’s layers', () => {
  const root = join(process.cwd(), 'src', 'sim');
  const rel = (f: string) => relative(root, f);

  it('the Kubernetes wire layer imports nothing from the Box, the generic HTTP helpers nothing Kubernetes- or Box-shaped', () => {
    for (const f of files(join(root, 'k8s'))) for (const i of importsOf(f)) expect(i, rel(f)).not.toMatch(/(^|\/)box(\/|$)/);
    for (const f of files(join(root, 'http'))) for (const i of importsOf(f)) expect(i, rel(f)).not.toMatch(/(^|\/)(box|k8s|servers)(\/|$)/);
  });

  it('servers other than the Kubernetes API read the Box, not the Kubernetes object store', () => {
    const others = files(join(root, 'servers')).filter((f) => !rel(f).startsWith(join('servers', 'kubernetes')) && !/servers\/(index|types)\.ts$/.test(f));
    for (const f of others) {
      for (const i of importsOf(f)) expect(i, rel(f)).not.toMatch(/(^|\/)k8s\//);
      expect(readFileSync(f, 'utf8'), rel(f)).not.toMatch(/\bctx\.store\b|\{[^}]*\bstore\b[^}]*\}\s*\)?\s*(=>|\{)/);
    }
  });
});
