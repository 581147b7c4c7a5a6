import { describe, expect, it } from 'vitest';
import { parseConsoleFlags } from '../../src/cli/console-flags.js';

describe('console flags', () => {
  it('parses every flag', () => {
    expect(parseConsoleFlags(['--demo', '--scenario', 'postgres-down', '-n', 'data', '--read-only'])).toEqual({
      ok: true,
      flags: { demo: true, scenario: 'postgres-down', kubeconfig: undefined, context: undefined, readOnly: true, namespace: 'data', help: false },
    });
    expect(parseConsoleFlags(['--kubeconfig', '/tmp/k', '--context', 'prod'])).toMatchObject({ ok: true, flags: { kubeconfig: '/tmp/k', context: 'prod', demo: false } });
  });

  it('turns bad flags into one sentence', () => {
    const unknown = parseConsoleFlags(['--bogus']);
    expect(unknown).toMatchObject({ ok: false });
    if (!unknown.ok) {
      expect(unknown.message).toMatch(/^Unknown flag "--bogus"; usage is sunbeam-console /);
      expect(unknown.message.split('\n')).toHaveLength(1);
    }
    expect(parseConsoleFlags(['--scenario'])).toEqual({ ok: false, message: 'The flag --scenario needs a value.' });
    expect(parseConsoleFlags(['--scenario', 'x'])).toMatchObject({ ok: false, message: expect.stringMatching(/only applies with --demo/) });
    expect(parseConsoleFlags(['stray'])).toMatchObject({ ok: false, message: expect.stringMatching(/^Unexpected argument "stray"/) });
    expect(parseConsoleFlags(['--demo', '--kubeconfig', 'k'])).toMatchObject({ ok: false });
  });
});
