// vitest's setupFiles: no test touches the user's real config or state. Before a test file is imported, this
// points HOME and the XDG directories at fresh temporary ones (so the console's config, journal, demo journal
// and COE drafts of any test, and of every process it starts, land there) and drops the variables that would
// aim a test at the user's config or cluster (SUNBEAM_CONFIG, SUNBEAM_READ_ONLY, KUBECONFIG). After the file,
// it fails the file if the real ~/.local/state/sunbeam-console, ~/.config/sunbeam-console (or the XDG ones the
// run started with) or the repository's docs/ops/ changed meanwhile, and removes the temporary directories.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { changed, listing, realDirs } from './real-dirs.js';

// A worker that runs a second file already has the temporary variables: the real ones are kept from the first.
const KEPT = 'SUNBEAM_TEST_REAL_DIRS';
process.env[KEPT] ??= JSON.stringify(realDirs(process.env, process.cwd()));
const guarded = JSON.parse(process.env[KEPT]) as string[];
const before = guarded.map(listing);

const root = mkdtempSync(join(tmpdir(), 'sc-test-'));
const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_STATE_HOME: 'state', XDG_DATA_HOME: 'data', XDG_CACHE_HOME: 'cache' };
for (const [name, sub] of Object.entries(dirs)) {
  const d = join(root, sub);
  mkdirSync(d, { recursive: true });
  process.env[name] = d;
}
for (const name of ['SUNBEAM_CONFIG', 'SUNBEAM_READ_ONLY', 'KUBECONFIG']) delete process.env[name];

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  const touched = guarded.flatMap((d, i) => changed(before[i]!, listing(d)));
  if (touched.length) {
    throw new Error(
      `the user's own directories changed while this file ran (tests get temporary HOME and XDG_* ones, so a test ` +
        `that wrote there bypassed them; a console running outside the tests at the same time would too): ${touched.join(', ')}`,
    );
  }
});
