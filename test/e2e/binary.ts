// The console binary the end-to-end tests run: the repository's own build, made once if it is missing or
// stale, or another build named by SUNBEAM_E2E_BIN (not rebuilt then).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The Node that runs vitest (the project's pinned 22), for the console too. */
export const NODE = process.execPath;
export const BIN = process.env.SUNBEAM_E2E_BIN ?? `${ROOT}/bin/sunbeam-console.js`;

/** Builds the bundle when it is missing or older than the sources (esbuild.config.mjs --if-needed). */
export function buildConsole(): void {
  if (process.env.SUNBEAM_E2E_BIN) return;
  execFileSync(NODE, ['esbuild.config.mjs', '--if-needed'], { cwd: ROOT, stdio: 'inherit' });
}
