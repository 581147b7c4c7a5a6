// The one mutation path: only the writers (src/actions/writers/*.ts) call a client's write surface (a
// Kubernetes write or a command in a pod, node-vault's unseal / write / delete, an HTTP POST, PUT or DELETE to
// AlertManager's silences), anywhere in src/, screens/, hooks/ and bin/. The executor hands the writers to the
// step it runs; a writers factory is made only where a run is composed, and never in screens/ or hooks/.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const WRITERS_DIR = join('src', 'actions', 'writers') + '/';

/** The write surfaces of the clients, each a test on a file's text. */
const SURFACES: { name: string; test: (text: string) => boolean }[] = [
  {
    name: 'Kubernetes write call',
    test: (t) => /\b(patchNamespaced|deleteNamespaced|createNamespaced|replaceNamespaced|deleteCollectionNamespaced|patchCluster|deleteCluster|createCluster|replaceCluster)\w*\s*\(/.test(t),
  },
  // @kubernetes/client-node's Exec: `exec.exec(namespace, pod, container, command, ...)`.
  { name: 'Kubernetes exec', test: (t) => /\bexec\s*\.\s*exec\s*\(/.test(t) },
  // node-vault's writes, on a client named for what it is (vault, bao, openbao...) or in a file that imports node-vault.
  { name: 'node-vault write', test: (t) => /\b\w*(vault|bao)\w*\s*\.\s*(unseal|write|delete|init|generateRoot\w*)\s*\(/i.test(t) },
  { name: 'node-vault write', test: (t) => /from\s+['"]node-vault['"]|require\(\s*['"]node-vault['"]\s*\)/.test(t) && /\.\s*(unseal|write|delete)\s*\(/.test(t) },
  // An HTTP call with a write method in a file that talks to AlertManager's silences.
  {
    name: 'AlertManager silence write',
    test: (t) => /\/api\/v2\/silences?\b/.test(t) && /\b(fetch|request|undici\.\w+)\s*\(/.test(t) && /method\s*:\s*['"`](POST|PUT|DELETE)['"`]/i.test(t),
  },
];

function surfacesIn(text: string): string[] {
  return [...new Set(SURFACES.filter((s) => s.test(text)).map((s) => s.name))];
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(n)) out.push(p);
  }
  return out;
}

/** Files that import a value (not only types) from the writers folder. */
function importsWriters(text: string): boolean {
  return text.split('\n').some((l) => /from '[./]*(actions\/)?writers\/[\w-]+\.js'/.test(l) && !/^\s*import type\b/.test(l));
}

describe('one mutation path', () => {
  // The simulator (src/sim) is the other side of the wire: it is the backend the writes reach, not a client of it.
  const all = ['src', 'screens', 'hooks', 'bin'].flatMap((d) => files(join(ROOT, d))).filter((f) => !relative(ROOT, f).startsWith(join('src', 'sim') + '/'));
  const rel = (f: string) => relative(ROOT, f);

  it('finds the source files it checks', () => {
    expect(all.some((f) => rel(f) === join('src', 'actions', 'writers', 'kube.ts'))).toBe(true);
    expect(all.some((f) => rel(f).startsWith('screens/'))).toBe(true);
  });

  it('its patterns catch a sample of each write surface, and not the reads', () => {
    expect(surfacesIn('await clients.apps.patchNamespacedDeployment(req, smp);')).toEqual(['Kubernetes write call']);
    expect(surfacesIn('clients.custom.deleteNamespacedCustomObject({ ...ref })')).toEqual(['Kubernetes write call']);
    expect(surfacesIn("clients.exec.exec(ns, pod, c, ['barman', 'backup'], out, err, null, false, cb)")).toEqual(['Kubernetes exec']);
    expect(surfacesIn("await vault.unseal({ secret_shares: 1, key });")).toEqual(['node-vault write']);
    expect(surfacesIn("await this.bao.write('secret/data/x', { data });")).toEqual(['node-vault write']);
    expect(surfacesIn("import vault from 'node-vault';\nconst c = vault({ endpoint });\nawait c.write('kv/data/a', body);")).toEqual(['node-vault write']);
    expect(surfacesIn("await fetch(`${url}/api/v2/silences`, { method: 'POST', body: JSON.stringify(s) });")).toEqual(['AlertManager silence write']);
    expect(surfacesIn("await fetch(`${url}/api/v2/silence/${id}`, { method: 'DELETE' });")).toEqual(['AlertManager silence write']);
    // Reads pass.
    expect(surfacesIn('await clients.core.listNamespacedPod({ namespace });')).toEqual([]);
    expect(surfacesIn("await vault.status(); await bao.read('secret/data/x');")).toEqual([]);
    expect(surfacesIn("await fetch(`${url}/api/v2/silences`, { method: 'GET' });")).toEqual([]);
    expect(surfacesIn("process.stderr.write('x'); out.write(chunk);")).toEqual([]);
    // A planned call's data names a method and a path, but calls nothing.
    expect(surfacesIn("calls: [{ equivalent, method: 'POST', path: '/api/v2/silences' }]")).toEqual([]);
  });

  it('no write surface outside src/actions/writers/', () => {
    const offenders = all
      .filter((f) => !rel(f).startsWith(WRITERS_DIR))
      .map((f) => ({ file: rel(f), found: surfacesIn(readFileSync(f, 'utf8')) }))
      .filter((o) => o.found.length > 0);
    expect(offenders).toEqual([]);
  });

  it('the Kubernetes writer is the one file that calls the Kubernetes write API, the OpenBao writer the one that calls node-vault writes', () => {
    const writers = all.filter((f) => rel(f).startsWith(WRITERS_DIR));
    const calling = (surface: string) => writers.filter((f) => surfacesIn(readFileSync(f, 'utf8')).some((s) => s.startsWith(surface))).map(rel);
    expect(calling('Kubernetes')).toEqual([join('src', 'actions', 'writers', 'kube.ts')]);
    expect(calling('node-vault')).toEqual([join('src', 'actions', 'writers', 'bao.ts')]);
  });

  it('writers are made only where a run is composed; steps reach them through the executor', () => {
    const importers = all.filter((f) => !rel(f).startsWith(WRITERS_DIR) && importsWriters(readFileSync(f, 'utf8'))).map(rel);
    expect(importers.filter((f) => f.startsWith('screens/') || f.startsWith('hooks/'))).toEqual([]);
    // Steps and planners get writers from the StepContext, never by making their own.
    expect(importers.filter((f) => f.startsWith('src/actions/primitives/') || f.startsWith('src/runbooks/steps/') || f === 'src/actions/executor.ts')).toEqual([]);
    // The executor uses the bag it is given, and no client's write API itself.
    const executor = readFileSync(join(ROOT, 'src', 'actions', 'executor.ts'), 'utf8');
    expect(executor).toMatch(/ctx\.writers\(\{ dryRun \}\)/);
  });
});
