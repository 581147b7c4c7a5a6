// The architecture rules of design.md, kept by tools rather than by review: dependency-cruiser
// (.dependency-cruiser.cjs: no import cycles; src/ imports no React, Ink, screens/ or hooks/; hooks/ do not
// import screens/; screens/ import no sources, clients or writers; the simulator's wire layer knows nothing of
// its Box) and knip (knip.json: no unused file, dependency or export). Each prints what it found on failure.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

async function tool(script: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, maxBuffer: 16 << 20 });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('architecture rules', () => {
  it('dependency-cruiser finds no cycle and no layer violation', async () => {
    const r = await tool('node_modules/dependency-cruiser/bin/dependency-cruiser.mjs', ['src', 'screens', 'hooks', 'bin', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
    expect(r.output).not.toMatch(/error /);
    expect(r.code, r.output).toBe(0);
  }, 60_000);

  it('knip finds no unused file, dependency or export', async () => {
    const r = await tool('node_modules/knip/bin/knip.js', ['--no-progress', '--no-config-hints']);
    expect(r.code, r.output).toBe(0);
  }, 120_000);
});
