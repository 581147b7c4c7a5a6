import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareSession } from '../../src/session/index.js';

const saved = process.env.XDG_CONFIG_HOME;
afterEach(() => {
  if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved;
});

function configWith(text: string): void {
  const home = mkdtempSync(join(tmpdir(), 'ops-setup-'));
  mkdirSync(join(home, 'sunbeam-console'));
  writeFileSync(join(home, 'sunbeam-console', 'config.yaml'), text);
  process.env.XDG_CONFIG_HOME = home;
}

/** What the console opens with: its settings from the one session, a bad config file leaving it read-only. */
const consoleSettings = (readOnly: boolean) => prepareSession({ flags: { readOnly: readOnly ? true : undefined }, onBadConfig: 'read-only' });

describe('console setup from the config file', () => {
  it('takes readOnly from the config', () => {
    configWith('readOnly: true\n');
    expect(consoleSettings(false)).toMatchObject({ readOnly: true, warnings: [] });
  });
  it('fails safe on a broken config: one sentence naming the file, and read-only until it is fixed', () => {
    configWith('readOnly: [\n');
    const setup = consoleSettings(false);
    expect(setup.readOnly).toBe(true);
    expect(setup.warnings).toHaveLength(1);
    expect(setup.warnings[0]).toMatch(/config\.yaml: .*\(read-only until the config is fixed\)$/);
  });
});
