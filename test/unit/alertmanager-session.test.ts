// The session's AlertManager client: --alertmanager.url over ALERTMANAGER_URL over the config file's
// alertmanager.url over amtool's default, through prepareSession as the console and the one-shots open it (no
// network: the kubeconfig's server is never asked); and the console's --alertmanager.url flag.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
import { consoleFlags } from '../../src/cli/console-flags.js';
import { prepareSession } from '../../src/session/index.js';

function home(configYaml?: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-am-session-'));
  made.push(dir);
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "https://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n');
  mkdirSync(join(dir, 'config', 'sunbeam-console'), { recursive: true });
  if (configYaml) writeFileSync(join(dir, 'config', 'sunbeam-console', 'config.yaml'), configYaml);
  return { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state'), KUBECONFIG: kubeconfig };
}

async function amUrl(env: Record<string, string>, flag?: string): Promise<string | undefined> {
  const s = await prepareSession({ env, flags: flag ? { alertmanagerUrl: flag } : {} }).connect();
  try {
    return s.clients.alertmanager?.url;
  } finally {
    await s.stop();
  }
}

describe("the session's AlertManager", () => {
  it('is the flag, else ALERTMANAGER_URL, else the config file, else http://localhost:9093', async () => {
    const file = 'alertmanager:\n  url: http://file.example:9093\n';
    expect(await amUrl({ ...home(file), ALERTMANAGER_URL: 'http://env.example:9093' }, 'http://flag.example:9093')).toBe('http://flag.example:9093');
    expect(await amUrl({ ...home(file), ALERTMANAGER_URL: 'http://env.example:9093' })).toBe('http://env.example:9093');
    expect(await amUrl(home(file))).toBe('http://file.example:9093');
    expect(await amUrl(home())).toBe('http://localhost:9093');
  });

  it("the console takes --alertmanager.url, but not with --demo", () => {
    expect(consoleFlags({ 'alertmanager.url': 'http://am:9093' })).toMatchObject({ ok: true, flags: { alertmanagerUrl: 'http://am:9093' } });
    expect(consoleFlags({ demo: true, 'alertmanager.url': 'http://am:9093' })).toEqual({ ok: false, message: "--demo uses the simulated Box's AlertManager; leave out --alertmanager.url." });
    expect(consoleFlags({ 'alertmanager.url': ' ' })).toEqual({ ok: false, message: '--alertmanager.url needs a value.' });
  });
});
