// Config file, environment and flags: precedence, paths, and one sentence naming the file and field when wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LOG_SETTINGS, configDir, loadConfig, stateDir } from '../../src/config/index.js';
import { DEFAULT_BOX_NAMES, boxNames } from '../../src/ladder/box-graph.js';

function withConfig(text: string | undefined): { env: Record<string, string>; file: string } {
  const home = mkdtempSync(join(tmpdir(), 'sunbeam-config-'));
  const dir = join(home, 'sunbeam-console');
  const file = join(dir, 'config.yaml');
  if (text !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return { env: { XDG_CONFIG_HOME: home, XDG_STATE_HOME: join(home, 'state') }, file };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config file errors', () => {
  it('a field of the wrong type names the file and the field', () => {
    const { env, file } = withConfig('readOnly: yes please\n');
    expect(errorOf(() => loadConfig({ env }))).toBe(`${file}: readOnly must be true or false.`);
  });

  it('an unknown key is named, with the likely intended one', () => {
    const { env, file } = withConfig('readonly: true\n');
    expect(errorOf(() => loadConfig({ env }))).toBe(`${file}: unknown key "readonly" (did you mean readOnly?).`);
  });

  it('a string field given a list', () => {
    const { env, file } = withConfig('kubeconfig:\n  - a\n  - b\n');
    expect(errorOf(() => loadConfig({ env }))).toBe(`${file}: kubeconfig must be a path to a kubeconfig file.`);
  });

  it('broken YAML gives the line', () => {
    const { env, file } = withConfig('context: "unterminated\nreadOnly: true\n');
    const msg = errorOf(() => loadConfig({ env }));
    expect(msg.startsWith(`${file}: not valid YAML at line`)).toBe(true);
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('SUNBEAM_CONFIG naming a missing file is an error; the default file may be absent', () => {
    const { env } = withConfig(undefined);
    expect(loadConfig({ env }).readOnly).toBe(false);
    expect(errorOf(() => loadConfig({ env: { ...env, SUNBEAM_CONFIG: '/nonexistent/sunbeam.yaml' } }))).toBe('/nonexistent/sunbeam.yaml: no such config file (named by SUNBEAM_CONFIG).');
  });

  it('a bad SUNBEAM_READ_ONLY value is one sentence', () => {
    const { env } = withConfig(undefined);
    expect(errorOf(() => loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: 'maybe' } }))).toBe('SUNBEAM_READ_ONLY must be true or false (or 1 or 0), not "maybe".');
  });
});

describe('precedence and paths', () => {
  it('flags beat the environment, which beats the file', () => {
    const { env, file } = withConfig('readOnly: true\nkubeconfig: /etc/box/kubeconfig\ncontext: box\nnamespace: data\njournalDir: /var/tmp/journal\n');
    const fromFile = loadConfig({ env });
    expect(fromFile).toEqual({ readOnly: true, readOnlyCause: [{ by: 'file', file }], kubeconfig: '/etc/box/kubeconfig', context: 'box', namespace: 'data', journalDir: '/var/tmp/journal', logs: DEFAULT_LOG_SETTINGS, backends: {}, file });
    expect(loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: '0' } }).readOnly).toBe(false);
    expect(loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: '0' }, flags: { readOnly: true, context: 'other', kubeconfig: '/tmp/k' } })).toMatchObject({ readOnly: true, context: 'other', kubeconfig: '/tmp/k' });
  });

  it('says what made the run read-only: each layer that says true and is not overridden by a later false', () => {
    const { env, file } = withConfig('readOnly: true\n');
    expect(loadConfig({ env }).readOnlyCause).toEqual([{ by: 'file', file }]);
    expect(loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: 'yes' } }).readOnlyCause).toEqual([{ by: 'env', value: 'yes' }]);
    expect(loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: '0' }, flags: { readOnly: true } }).readOnlyCause).toEqual([{ by: 'flag' }]);
    expect(loadConfig({ env, flags: { readOnly: true } }).readOnlyCause).toEqual([{ by: 'flag' }, { by: 'file', file }]);
    expect(loadConfig({ env: { ...env, SUNBEAM_READ_ONLY: '0' } }).readOnlyCause).toBeUndefined();
  });

  it('SUNBEAM_CONFIG points at another file', () => {
    const { env } = withConfig(undefined);
    const other = join(mkdtempSync(join(tmpdir(), 'sunbeam-other-')), 'box.yaml');
    writeFileSync(other, 'namespace: messages\n');
    expect(loadConfig({ env: { ...env, SUNBEAM_CONFIG: other } })).toMatchObject({ namespace: 'messages', file: other });
  });

  it('XDG directories, with the journal in the state directory by default', () => {
    const env = { XDG_CONFIG_HOME: '/x/config', XDG_STATE_HOME: '/x/state' };
    expect(configDir(env)).toBe('/x/config/sunbeam-console');
    expect(stateDir(env)).toBe('/x/state/sunbeam-console');
    expect(loadConfig({ env: { ...env, SUNBEAM_CONFIG: '' } }).journalDir).toBe('/x/state/sunbeam-console');
    // Relative XDG values are ignored, as the spec says.
    expect(stateDir({ XDG_STATE_HOME: 'relative' })).toMatch(/\.local\/state\/sunbeam-console$/);
  });
});

describe('the box: section (the Box\'s names)', () => {
  it('overrides the defaults where it says, barman following the database unless named', () => {
    const { env } = withConfig('box:\n  database:\n    namespace: db\n    cluster: pg\n  ingress:\n    certificate: edge-tls\n');
    const cfg = loadConfig({ env });
    expect(cfg.box).toEqual({ database: { namespace: 'db', cluster: 'pg' }, ingress: { certificate: 'edge-tls' } });
    expect(boxNames(cfg)).toEqual({
      ...DEFAULT_BOX_NAMES,
      database: { namespace: 'db', cluster: 'pg' },
      barman: { ...DEFAULT_BOX_NAMES.barman, namespace: 'db', server: 'pg' },
      ingress: { ...DEFAULT_BOX_NAMES.ingress, certificate: 'edge-tls' },
    });
    expect(boxNames(loadConfig({ env: withConfig('box:\n  barman:\n    pod: backup-0\n    server: main\n').env })).barman).toEqual({ ...DEFAULT_BOX_NAMES.barman, pod: 'backup-0', server: 'main' });
    expect(boxNames(loadConfig({ env: withConfig(undefined).env }))).toEqual(DEFAULT_BOX_NAMES);
  });

  it('an unknown key in it is named with its path and the likely intended one', () => {
    const { env, file } = withConfig('box:\n  databse:\n    cluster: pg\n');
    expect(errorOf(() => loadConfig({ env }))).toBe(`${file}: unknown key "box.databse" (known keys: database, operator, barman, ingress).`);
    const near = withConfig('box:\n  database:\n    Cluster: pg\n');
    expect(errorOf(() => loadConfig({ env: near.env }))).toBe(`${near.file}: unknown key "box.database.Cluster" (did you mean cluster?).`);
  });

  it('a bad name is one sentence naming the field', () => {
    const { env, file } = withConfig('box:\n  database:\n    cluster: Bad_Name\n');
    expect(errorOf(() => loadConfig({ env }))).toBe(`${file}: box.database.cluster must be a Kubernetes name (lowercase letters, digits and dashes).`);
    const list = withConfig('box: [a]\n');
    expect(errorOf(() => loadConfig({ env: list.env }))).toBe(`${list.file}: box must be a mapping (database, operator, barman, ingress).`);
  });
});

describe('the logs section', () => {
  it('sets the lines kept per view, the tail and rung 7\'s window and query; without it, the defaults', () => {
    expect(loadConfig({ env: withConfig(undefined).env }).logs).toEqual({ buffer: 10_000, tail: 100, errorsWindowMs: 900_000, errorsQuery: '{level="error"}' });
    const { env } = withConfig('logs:\n  buffer: 50000\n  tail: 20\n  errorsWindow: 1h\n  errorsQuery: \'{level=~"error|fatal"}\'\n');
    expect(loadConfig({ env }).logs).toEqual({ buffer: 50_000, tail: 20, errorsWindowMs: 3_600_000, errorsQuery: '{level=~"error|fatal"}' });
  });

  it('names a wrong value or an unknown key in one sentence', () => {
    const bad = withConfig('logs:\n  buffer: 10\n');
    expect(errorOf(() => loadConfig({ env: bad.env }))).toBe(`${bad.file}: logs.buffer must be a whole number of lines from 100 to 1000000.`);
    const win = withConfig('logs:\n  errorsWindow: 15 minutes\n');
    expect(errorOf(() => loadConfig({ env: win.env }))).toBe(`${win.file}: logs.errorsWindow must be a duration such as 15m, 900s or 1h.`);
    const key = withConfig('logs:\n  Buffer: 100\n');
    expect(errorOf(() => loadConfig({ env: key.env }))).toBe(`${key.file}: unknown key "logs.Buffer" (did you mean buffer?).`);
  });
});
