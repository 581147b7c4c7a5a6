// The built console in tmux, pointed at a cluster by the config file alone: `kubeconfig:`, `context:` and
// `namespace:` in config.yaml are honoured by the console as by `status` (they open the same session). The
// kubeconfig's current context is a closed port, so only a run that reads `context: box` reaches the Box.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/cli/status-report.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { twoContexts } from '../fixtures/two-contexts.js';
import { BIN, buildConsole, NODE, ROOT } from './binary.js';
import { Tmux } from './tmux.js';

const tmux = new Tmux(`sbc-e2e-cfg-${process.pid}`);
const HOME = mkdtempSync(join(tmpdir(), 'sc-e2e-config-'));
// No kubeconfig anywhere but the one the config file names (HOME too: no ~/.kube/config).
const ENV: Record<string, string> = { HOME, XDG_CONFIG_HOME: join(HOME, 'config'), XDG_STATE_HOME: join(HOME, 'state'), KUBECONFIG: '', SUNBEAM_CONFIG: '', NO_COLOR: '1' };
let sim: SimHandle;

beforeAll(async () => {
  buildConsole();
  sim = await startSim({ scenario: 'healthy' });
  const kubeconfig = twoContexts(sim, HOME);
  mkdirSync(join(HOME, 'config', 'sunbeam-console'), { recursive: true });
  writeFileSync(join(HOME, 'config', 'sunbeam-console', 'config.yaml'), `kubeconfig: ${kubeconfig}\ncontext: box\nnamespace: messages\n`);
}, 120_000);

afterAll(async () => {
  tmux.kill();
  await sim?.stop();
});

describe('the config file points the console and status at the same cluster', () => {
  it('status reads the context and namespace from the file', async () => {
    // Not execFileSync: the simulated Box answers from this process.
    const out = await new Promise<string>((done, fail) =>
      execFile(NODE, [BIN, 'status', '--json'], { env: { ...process.env, ...ENV }, timeout: 30_000 }, (err, stdout, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : done(stdout))),
    );
    const j = JSON.parse(out) as StatusReport;
    expect(j).toMatchObject({ context: 'box', namespace: 'messages' });
    expect(new Set(j.pods.map((p) => p.namespace))).toEqual(new Set(['messages']));
  });

  it('the console shows the file\'s context, its namespace, and the Box\'s pods', async () => {
    tmux.start('c1', 100, 30, ENV);
    tmux.type('c1', `cd ${ROOT} && clear && echo SHELL-BEFORE-CONSOLE`);
    await tmux.waitFor('c1', (x) => x.includes('SHELL-BEFORE-CONSOLE'), 'the shell');
    tmux.type('c1', `${NODE} ${BIN}`);
    const screen = await tmux.waitFor('c1', (x) => x.includes('ns: messages') && x.includes('messages-worker'), 'the messages namespace from the Box');
    expect(screen.split('\n')[0]).toContain('sunbeam box │');
    expect(screen).not.toContain('postgres-1');
    tmux.keys('c1', 'q');
    await tmux.waitFor('c1', (x) => x.includes('SHELL-BEFORE-CONSOLE') && !x.includes('1 Status'), 'the shell back');
  }, 60_000);
});
