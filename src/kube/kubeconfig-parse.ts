// Reads one kubeconfig file's text as kubectl's LoadFromFile does: YAML into a plain object, a duplicate
// cluster, user or context name within the file refused, and relative file paths made absolute against the
// file's folder (ResolveLocalPaths). What goes wrong is one sentence naming the file and the parser's first
// line: never a code frame, never a line of the file (a kubeconfig holds bearer tokens and private keys).
import { isAbsolute, join, resolve, sep } from 'node:path';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';

/** A kubeconfig as its YAML says it (apiVersion v1): named lists, with anything else passed through. */
export type RawKubeconfig = Record<string, unknown>;

/** The named lists a kubeconfig holds, each entry { name, <kind>: {...} }. */
export const NAMED_LISTS = ['clusters', 'users', 'contexts', 'extensions'] as const;

/** Errors whose message quotes the offending source text: their own words instead. */
const QUOTING: Partial<Record<YAMLError['code'], string>> = {
  BAD_DQ_ESCAPE: 'Invalid escape sequence in a double-quoted string',
  BAD_DIRECTIVE: 'Invalid or unknown YAML directive',
  TAG_RESOLVE_FAILED: 'Unresolved YAML tag',
};

/** The parser's message as one clause: its first line, cut before any ": " that would quote the source. */
function parserClause(err: Pick<YAMLError, 'code' | 'message'>): string {
  const fixed = QUOTING[err.code];
  if (fixed) return fixed;
  const first = err.message.split('\n')[0]!;
  const cut = first.indexOf(': ');
  return (cut >= 0 ? first.slice(0, cut) : first).trim();
}

function bad(path: string, what: string): Error {
  return new Error(`The kubeconfig ${path} could not be read (${what}); fix it or try --demo.`);
}

/** `text` (the file at `path`) as a kubeconfig object, or an Error with one sentence. An empty file is an empty kubeconfig. */
export function parseKubeconfig(path: string, text: string): RawKubeconfig {
  const lineCounter = new LineCounter();
  // logLevel 'error': warnings (an unknown tag, say) would otherwise go to process.emitWarning with a code frame.
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, logLevel: 'error', merge: true });
  const err = doc.errors[0];
  if (err) {
    const at = lineCounter.linePos(err.pos[0]);
    throw bad(path, `${parserClause(err)} at line ${at.line}, column ${at.col}`);
  }
  let obj: unknown;
  try {
    obj = doc.toJS();
  } catch (e) {
    throw bad(path, parserClause({ code: 'IMPOSSIBLE', message: (e as Error).message }));
  }
  if (obj === null || obj === undefined) return {};
  if (typeof obj !== 'object' || Array.isArray(obj)) throw bad(path, 'it is not a YAML mapping');
  const raw = obj as RawKubeconfig;
  for (const list of NAMED_LISTS) checkNamedList(path, raw, list);
  resolveLocalPaths(raw, resolve(path, '..'));
  return raw;
}

/** kubectl refuses a list that is not a list, and a name that comes twice in one file. */
function checkNamedList(path: string, raw: RawKubeconfig, list: string): void {
  const entries = raw[list];
  if (entries === undefined || entries === null) return;
  if (!Array.isArray(entries)) throw bad(path, `${list} is not a list`);
  const seen = new Set<string>();
  for (const entry of entries) {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    if (seen.has(name)) throw bad(path, `${list} names "${name}" twice`);
    seen.add(name);
  }
}

function absolute(dir: string, p: unknown): unknown {
  return typeof p === 'string' && p !== '' && !isAbsolute(p) ? join(dir, p) : p;
}

/** client-go's ResolveLocalPaths: the file references of each cluster and user, against the file's folder. */
function resolveLocalPaths(raw: RawKubeconfig, dir: string): void {
  for (const entry of (raw.clusters as unknown[] | undefined) ?? []) {
    const c = (entry as { cluster?: Record<string, unknown> } | null)?.cluster;
    if (c && typeof c === 'object') c['certificate-authority'] = absolute(dir, c['certificate-authority']);
  }
  for (const entry of (raw.users as unknown[] | undefined) ?? []) {
    const u = (entry as { user?: Record<string, unknown> } | null)?.user;
    if (!u || typeof u !== 'object') continue;
    for (const key of ['client-certificate', 'client-key', 'tokenFile', 'token-file']) {
      if (key in u) u[key] = absolute(dir, u[key]);
    }
    const exec = u.exec as Record<string, unknown> | undefined;
    // Only a command with a path separator: a bare name is looked up on PATH.
    if (exec && typeof exec === 'object' && typeof exec.command === 'string' && exec.command.includes(sep)) {
      exec.command = absolute(dir, exec.command);
    }
  }
}
