// The one mutation path: no code outside src/actions/ may call a Kubernetes write, and the write helpers
// (src/actions/kube-writes.ts) are imported by the executor alone.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const WRITE_CALLS = /\b(patchNamespaced|deleteNamespaced|createNamespaced|replaceNamespaced|deleteCollectionNamespaced|patchCluster|deleteCluster|createCluster|replaceCluster)\w*\s*\(/;

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

describe('one mutation path', () => {
  const all = ['src', 'screens', 'hooks'].flatMap((d) => files(join(ROOT, d)));

  it('finds the source files it checks', () => {
    expect(all.some((f) => f.endsWith(join('src', 'actions', 'kube-writes.ts')))).toBe(true);
  });

  it('no Kubernetes write call outside src/actions/', () => {
    const offenders = all
      .filter((f) => !relative(ROOT, f).startsWith(join('src', 'actions') + '/'))
      .filter((f) => WRITE_CALLS.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('inside src/actions/, only kube-writes.ts calls them and only the executor imports it', () => {
    const actions = all.filter((f) => relative(ROOT, f).startsWith(join('src', 'actions') + '/'));
    expect(actions.filter((f) => WRITE_CALLS.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f))).toEqual([join('src', 'actions', 'kube-writes.ts')]);
    const importers = all.filter((f) => /from '[./]*(actions\/)?kube-writes\.js'/.test(readFileSync(f, 'utf8')) && !/import type/.test(readFileSync(f, 'utf8').match(/.*kube-writes\.js'.*/)![0]));
    expect(importers.map((f) => relative(ROOT, f))).toEqual([join('src', 'actions', 'executor.ts')]);
  });
});
