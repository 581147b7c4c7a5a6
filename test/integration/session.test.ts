// One session for every run (src/session): the config file's kubeconfig, context and namespace are honoured
// (flags beat the environment, which beats the file), --demo runs its own simulated Box and journals under
// demo/, a bad config file throws or leaves the run read-only, and stop() ends whatever was opened.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigError } from '../../src/config/index.js';
import { openSession, prepareSession, SessionError } from '../../src/session/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';
import { createAppStore } from '../../src/store/index.js';
import { twoContexts } from '../fixtures/two-contexts.js';

let sim: SimHandle;
let kubeconfig: string;

/** A private config and state home with this config.yaml (none when undefined); KUBECONFIG points nowhere. */
function home(configYaml?: string): Record<string, string> {
  const h = mkdtempSync(join(tmpdir(), 'sc-session-'));
  if (configYaml !== undefined) {
    mkdirSync(join(h, 'config', 'sunbeam-console'), { recursive: true });
    writeFileSync(join(h, 'config', 'sunbeam-console', 'config.yaml'), configYaml);
  }
  return { XDG_CONFIG_HOME: join(h, 'config'), XDG_STATE_HOME: join(h, 'state'), KUBECONFIG: '/nonexistent/kubeconfig', SUNBEAM_CONFIG: '' };
}

/** True when nothing listens at the URL's port any more. */
function refused(url: string): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect(Number(new URL(url).port), '127.0.0.1');
    sock.once('connect', () => (sock.destroy(), done(false)));
    sock.once('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED'));
  });
}

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy' });
  kubeconfig = twoContexts(sim, mkdtempSync(join(tmpdir(), 'sc-session-kc-')));
});

afterAll(async () => {
  await sim?.stop();
});

describe('session from the config file', () => {
  it('uses the kubeconfig, context and namespace the file names, and its sources fill the store', async () => {
    const env = home(`kubeconfig: ${kubeconfig}\ncontext: box\nnamespace: messages\n`);
    const s = await openSession({ env });
    try {
      expect(s).toMatchObject({ context: 'box', server: sim.url, namespace: 'messages', readOnly: false });
      expect(s.journal.dir).toBe(join(env.XDG_STATE_HOME!, 'sunbeam-console'));
      const store = createAppStore();
      const sources = await s.startSources(store, { flushMs: 50 });
      // AlertManager runs always outside --demo (amtool's default http://localhost:9093 when nothing names one).
      expect(sources.map((x) => x.id)).toEqual(['kubernetes', 'alertmanager', 'mistral']);
      await Promise.all(sources.map((x) => x.synced()));
      expect(store.getState().kube).toMatchObject({ context: 'box', server: sim.url });
      expect(store.getState().kube.pods['data/postgres-1']).toBeDefined();
      expect(sources[0]!.health().state).toBe('ok');
    } finally {
      await s.stop();
    }
  });

  it("takes the context's namespace as the default, as kubectl: -n and the config file's namespace win over it", async () => {
    const kc = parse(readFileSync(kubeconfig, 'utf8'));
    kc.contexts.find((c: { name: string }) => c.name === 'box').context.namespace = 'gitea';
    const withNs = join(mkdtempSync(join(tmpdir(), 'sc-session-ns-')), 'kubeconfig');
    writeFileSync(withNs, stringify(kc), { mode: 0o600 });
    const cases: [string, { namespace?: string }, string][] = [
      [`kubeconfig: ${withNs}\ncontext: box\n`, {}, 'gitea'],
      [`kubeconfig: ${withNs}\ncontext: box\nnamespace: messages\n`, {}, 'messages'],
      [`kubeconfig: ${withNs}\ncontext: box\nnamespace: messages\n`, { namespace: 'data' }, 'data'],
    ];
    for (const [file, flags, expected] of cases) {
      const s = await openSession({ env: home(file), flags });
      try {
        expect(s.namespace).toBe(expected);
      } finally {
        await s.stop();
      }
    }
    const none = await openSession({ env: home(`kubeconfig: ${kubeconfig}\ncontext: box\n`) });
    expect(none.namespace).toBeUndefined();
    await none.stop();
  });

  it('flags beat the file; the environment beats the file for read-only', async () => {
    const env = { ...home(`kubeconfig: ${kubeconfig}\ncontext: box\nnamespace: messages\nreadOnly: false\n`), SUNBEAM_READ_ONLY: '1' };
    const s = await openSession({ env, flags: { context: 'elsewhere', namespace: 'data' } });
    expect(s).toMatchObject({ context: 'elsewhere', server: 'https://127.0.0.1:1', namespace: 'data', readOnly: true });
    await s.stop();
    const r = await openSession({ env, flags: { readOnly: false } });
    expect(r.readOnly).toBe(false);
    await r.stop();
  });

  it('without a kubeconfig anywhere: one sentence', async () => {
    const err = await openSession({ env: home() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as Error).message).toBe('No kubeconfig found (looked for /nonexistent/kubeconfig); pass --kubeconfig PATH or try --demo.');
    const ctx = await openSession({ env: home(`kubeconfig: ${kubeconfig}\ncontext: nope\n`) }).catch((e: unknown) => e);
    expect((ctx as Error).message).toBe('The kubeconfig has no context "nope".');
  });
});

describe('a config file that cannot be read', () => {
  it('throws its ConfigError by default (the one-shots), and leaves the console read-only with a warning', () => {
    const env = home('readOnly: perhaps\n');
    expect(() => prepareSession({ env })).toThrow(ConfigError);
    const p = prepareSession({ env, onBadConfig: 'read-only', flags: { namespace: 'data' } });
    expect(p.readOnly).toBe(true);
    expect(p.namespace).toBe('data');
    expect(p.warnings).toEqual([expect.stringMatching(/config\.yaml: readOnly must be true or false\. \(read-only until the config is fixed\)$/)]);
  });
});

describe('--demo', () => {
  it('ignores the file\'s kubeconfig and context, keeps its namespace, journals under demo/', async () => {
    const env = home(`kubeconfig: ${kubeconfig}\ncontext: box\nnamespace: matrix\n`);
    const p = prepareSession({ env, demo: true, scenario: 'postgres-down' });
    expect(p).toMatchObject({ demo: 'postgres-down', namespace: 'matrix' });
    expect(p.journal.dir).toBe(join(env.XDG_STATE_HOME!, 'sunbeam-console', 'demo'));
    const s = await p.connect();
    try {
      expect(s.context).toBe('demo (postgres-down)');
      expect(s.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(s.server).not.toBe(sim.url);
      const store = createAppStore();
      const [k] = await s.startSources(store, { flushMs: 50 });
      await k!.synced();
      expect(store.getState().kube.context).toBe('demo (postgres-down)');
    } finally {
      await s.stop();
    }
    // Stopped: the simulator is gone, and no source starts any more.
    expect(await s.startSources(createAppStore())).toEqual([]);
    expect(await refused(s.server)).toBe(true);
  });

  it('stop() while the simulated Box is starting waits for it and stops it', async () => {
    const p = prepareSession({ env: home(), demo: true });
    const connecting = p.connect();
    const stopped = p.stop();
    const s = await connecting;
    await stopped;
    expect(await s.startSources(createAppStore())).toEqual([]);
    expect(await refused(s.server)).toBe(true);
  });
});
