// A kubeconfig that is not valid YAML is one sentence: the file and the parser's first line with where it
// stopped, never a code frame or a line of the file, so never a piece of the bearer token it holds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKubeConfig } from '../../src/kube/client.js';
import { parseKubeconfig } from '../../src/kube/kubeconfig-parse.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMzQ1Njc4OTAifQ';
const head = 'apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: https://a.example\nusers:\n- name: u\n  user:\n';

/** The message loading `text` as KUBECONFIG throws. */
function failure(text: string): { path: string; message: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'sc-kc-parse-')), 'config');
  writeFileSync(path, text, { mode: 0o600 });
  try {
    loadKubeConfig({}, { KUBECONFIG: path });
  } catch (err) {
    return { path, message: (err as Error).message };
  }
  throw new Error('loaded');
}

afterEach(() => vi.restoreAllMocks());

describe('a kubeconfig with a YAML syntax error', () => {
  it('a tab-indented line under token: is one sentence with the file and the line, no token, no code frame', () => {
    const { path, message } = failure(`${head}    token: ${TOKEN}\n\tclient-key: k.pem\n`);
    expect(message).toBe(`The kubeconfig ${path} could not be read (Tabs are not allowed as indentation at line 10, column 1); fix it or try --demo.`);
    expect(message).not.toContain(TOKEN.slice(0, 8));
    expect(message).not.toContain('\n');
    expect(message).not.toContain('^');
  });

  it('a tab-indented token on the line under token: is not quoted either', () => {
    const { message } = failure(`${head}    token:\n\t${TOKEN}\n`);
    expect(message).toMatch(/^The kubeconfig \S+ could not be read \(Tabs are not allowed as indentation at line 10, column 1\); fix it or try --demo\.$/);
    expect(message).not.toContain(TOKEN.slice(0, 8));
  });

  it.each([
    ['a block scalar header', `${head}    token: |${TOKEN}\n      x\n`, 'Block scalar header includes extra characters at line 9'],
    ['a bad escape', `${head}    token: "\\q${TOKEN}"\n`, 'Invalid escape sequence in a double-quoted string at line 9'],
    ['an unclosed quote', `${head}    token: "${TOKEN}\n`, 'Missing closing "quote at line'],
  ])('%s: the parser words without the source it quotes', (_what, text, clause) => {
    const { message } = failure(text);
    expect(message).toContain(clause);
    expect(message).not.toContain(TOKEN.slice(0, 8));
    expect(message).not.toContain('\n');
  });

  it('a token that reads as a YAML tag warns nothing on stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(parseKubeconfig('/x/config', `${head}    token: !${TOKEN}\n`)).toMatchObject({ users: [{ name: 'u' }] });
    expect(warn).not.toHaveBeenCalled();
  });

  it('an empty file is an empty kubeconfig; a file that is not a mapping is one sentence', () => {
    expect(parseKubeconfig('/x/config', '')).toEqual({});
    expect(() => parseKubeconfig('/x/config', `- ${TOKEN}\n`)).toThrow('The kubeconfig /x/config could not be read (it is not a YAML mapping); fix it or try --demo.');
  });
});
