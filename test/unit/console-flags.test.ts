import { describe, expect, it, vi } from 'vitest';
import { consoleFlags } from '../../src/cli/console-flags.js';
import { runProgram } from '../../src/cli/program.js';

/** The console's flags as the program parses them (the default command), then consoleFlags(). */
async function parse(argv: string[]) {
  let opts: Record<string, unknown> | undefined;
  let path: string | undefined;
  let err = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await runProgram(argv, async (_spec, p, o) => {
      path = p;
      opts = o;
      return 0;
    });
    return { code, path, flags: opts && consoleFlags(opts), err };
  } finally {
    e.mockRestore();
  }
}

describe('console flags', () => {
  it('parses every flag, the console being the default command', async () => {
    expect(await parse(['--demo', '--scenario', 'postgres-down', '-n', 'data', '--read-only'])).toMatchObject({
      code: 0,
      path: 'console',
      flags: { ok: true, flags: { demo: true, scenario: 'postgres-down', kubeconfig: undefined, context: undefined, readOnly: true, namespace: 'data', allNamespaces: false } },
    });
    expect((await parse(['--kubeconfig', '/tmp/k', '--context', 'prod'])).flags).toMatchObject({ ok: true, flags: { kubeconfig: '/tmp/k', context: 'prod', demo: false } });
    expect((await parse(['console', '-n=data'])).flags).toMatchObject({ ok: true, flags: { namespace: 'data' } });
    expect((await parse(['-A', '-n', 'data'])).flags).toMatchObject({ ok: true, flags: { namespace: undefined, allNamespaces: true } });
  });

  it('turns bad flags into one sentence and exit 2', async () => {
    const unknown = await parse(['--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toBe("sunbeam-console: unknown option '--bogus' for the console (see sunbeam-console console --help).\n");
    expect((await parse(['--scenario'])).err).toBe("sunbeam-console: option '--scenario <NAME>' argument missing for the console (see sunbeam-console console --help).\n");
    expect((await parse(['stray'])).err).toBe("sunbeam-console: unknown command 'stray' (see sunbeam-console --help).\n");
    expect(consoleFlags({ scenario: 'x' })).toMatchObject({ ok: false, message: expect.stringMatching(/only applies with --demo/) });
    expect(consoleFlags({ demo: true, kubeconfig: 'k' })).toMatchObject({ ok: false });
  });
});
