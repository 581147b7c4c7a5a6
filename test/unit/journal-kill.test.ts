// A journal writer killed with SIGKILL mid-write: the journal still reads back, every complete entry is
// there (no gaps), nothing throws, and writing can continue afterwards.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Journal, readJournal } from '../../src/journal/journal.js';

const ROOT = join(import.meta.dirname, '..', '..');

async function bundleChild(): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'sc-kill-bundle-')), 'child.mjs');
  await build({
    entryPoints: [join(ROOT, 'test', 'fixtures', 'journal-writer-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

function journalBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

describe('journal survives SIGKILL', () => {
  it('reads back every complete entry after the writer is killed mid-write', async () => {
    const child = await bundleChild();
    const dir = mkdtempSync(join(tmpdir(), 'sc-kill-journal-'));
    for (let round = 0; round < 3; round++) {
      const p = spawn(process.execPath, [child, dir], { stdio: 'ignore' });
      const target = journalBytes(dir) + 300_000 + round * 77_777;
      await new Promise<void>((resolve, reject) => {
        const t = setInterval(() => {
          if (journalBytes(dir) >= target) {
            clearInterval(t);
            p.kill('SIGKILL');
            resolve();
          }
        }, 2);
        p.on('exit', (code) => {
          clearInterval(t);
          if (code !== null) reject(new Error(`writer exited by itself (${code})`));
        });
      });
      await new Promise((r) => p.once('exit', r).once('close', r));
    }
    let read!: ReturnType<typeof readJournal>;
    expect(() => (read = readJournal(dir))).not.toThrow();
    expect(read.skipped).toBeLessThanOrEqual(3);
    const notes = read.entries.filter((e) => e.kind === 'note').map((e) => (e.kind === 'note' ? e.text : ''));
    expect(notes.length).toBeGreaterThan(10);
    // three runs each counted from entry-0 without gaps up to where it was killed
    const numbers = notes.map((t) => Number(/^entry-(\d+) /.exec(t)![1]));
    const runs: number[][] = [];
    for (const n of numbers) {
      if (n === 0) runs.push([]);
      runs[runs.length - 1]!.push(n);
    }
    expect(runs.length).toBe(3);
    for (const r of runs) expect(r).toEqual(r.map((_, i) => i));
    // and the journal keeps working
    new Journal({ dir }).addNote('after the crash');
    const again = readJournal(dir);
    expect(again.entries.at(-1)).toMatchObject({ kind: 'note', text: 'after the crash' });
  });
});
