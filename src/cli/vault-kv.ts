// `sunbeam-console vault kv put PATH K=V...` and `vault kv get PATH`: the playbook's `sunbeam vault kv put
// secret/{app}/{key} value=...` for static secret rotation. put writes the whole secret with check-and-set
// against the version it reads first, through the executor (journaled, the values masked and never in the
// equivalent command), then waits for the Kubernetes Secret the Vault Secrets Operator syncs and the rollouts
// of the Deployments that use it; `K=-` reads that value from stdin (one value). get prints the fields with
// their values masked unless --show. Exit 0 done, 1 failed or refused, 2 bad usage.
import { execute } from '../actions/executor.js';
import { baoOf } from '../actions/primitives/bao-replicas.js';
import { kvPutStep, kvVersion, parseKvPath, type KvField } from '../actions/primitives/kv.js';
import { preflight } from '../actions/preflight.js';
import { confirmationFor } from '../actions/tiers.js';
import type { Action } from '../actions/types.js';
import { describeBaoError } from '../sources/openbao/errors.js';
import { parseTimeout, UsageError, withSession, type ConnectionValues } from './action-cli.js';
import { readStdinBuffer } from './vault-secret-input.js';

interface KvValues extends ConnectionValues {
  yes?: boolean;
  show?: boolean;
  output?: string;
  json?: boolean;
  timeout?: string;
}

const FIELD = /^([A-Za-z_][A-Za-z0-9_.-]*)=([\s\S]*)$/;

function usage(cmd: string, sentence: string): number {
  process.stderr.write(`sunbeam-console vault kv ${cmd}: ${sentence}\n`);
  return 2;
}

export async function put(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as KvValues;
  const [path, ...pairs] = args;
  let p: ReturnType<typeof parseKvPath>;
  let timeoutMs: number | undefined;
  try {
    p = parseKvPath(path ?? '');
    timeoutMs = parseTimeout(values.timeout);
  } catch (err) {
    return usage('put', (err as Error).message);
  }
  if (!pairs.length) return usage('put', 'give at least one KEY=VALUE (KEY=- reads the value from stdin).');
  const fields: { field: string; raw: string }[] = [];
  for (const a of pairs) {
    const m = FIELD.exec(a);
    if (!m) return usage('put', `"${a.split('=')[0]}" is not KEY=VALUE.`);
    fields.push({ field: m[1]!, raw: m[2]! });
  }
  if (fields.filter((f) => f.raw === '-').length > 1) return usage('put', 'only one KEY=- can read from stdin.');
  if (!values.yes && !process.stdin.isTTY) return usage('put', 'Refusing to write a secret without --yes: stdin is not a terminal, so a script must opt in.');
  return withSession('vault kv put', values, async (s) => {
    baoOf(s.clients);
    const params: Record<string, string> = {};
    const specs = fields.map((f, i) => ({ name: `value${i}`, prompt: `the value of ${f.field}`, secret: true }));
    for (const [i, f] of fields.entries()) {
      if (f.raw === '-') {
        const buf = await readStdinBuffer();
        params[`value${i}`] = buf.toString('utf8').replace(/\r?\n$/, '');
        buf.fill(0);
      } else params[`value${i}`] = f.raw;
    }
    const cas = await kvVersion(s.clients, p.mount, p.path);
    const kvFields: KvField[] = fields.map((f, i) => ({ field: f.field, value: { param: `value${i}` } }));
    const action: Action = {
      id: 'vault-kv-put',
      verb: 'write a secret',
      title: `Write ${fields.map((f) => f.field).join(', ')} to ${p.mount}/${p.path}`,
      target: { kind: 'Secret', namespace: p.app, name: p.key },
      tier: 'secret',
      confirmation: confirmationFor('secret', p.key, 'the values'),
      params: specs,
      steps: [kvPutStep(p, kvFields, cas, p.path === 'messages/django-secret' ? 'every Messages session is invalidated: all users are logged out' : undefined)],
    };
    for (const c of action.steps[0]!.calls) process.stderr.write(`  $ ${c.equivalent.command}\n`);
    for (const l of await preflight(action, { clients: s.clients })) process.stderr.write(`  ${l.level === 'blocking' ? 'BLOCKING' : l.level === 'warn' ? 'WARN' : '--'}  ${l.label}: ${l.value}\n`);
    if (!values.yes) {
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      const answer = await rl.question(`${action.title}? [y/N] `).finally(() => rl.close());
      if (!/^y(es)?$/i.test(answer.trim())) throw new UsageError('not confirmed; nothing was written.');
    }
    const r = await execute(action, params, {
      clients: s.clients,
      writers: s.writers,
      journal: s.journal,
      readOnly: s.readOnly,
      readOnlyCause: s.config.readOnlyCause,
      timeoutMs,
      onProgress: (pr) => void (pr.kind === 'phase' && process.stderr.write(`… ${pr.text}\n`)),
    });
    process.stderr.write(`${r.outcome === 'succeeded' ? 'OK' : r.outcome.toUpperCase()}: ${r.message}\n`);
    return r.outcome === 'succeeded' ? 0 : 1;
  });
}

export async function get(opts: Record<string, unknown>, args: string[]): Promise<number> {
  const values = opts as KvValues;
  let p: ReturnType<typeof parseKvPath>;
  try {
    p = parseKvPath(args[0] ?? '');
  } catch (err) {
    return usage('get', (err as Error).message);
  }
  return withSession('vault kv get', values, async (s) => {
    const bao = baoOf(s.clients);
    let res: { data?: { data?: Record<string, unknown>; metadata?: { version?: number; created_time?: string } } };
    try {
      res = (await bao.service.vault.read(`${p.mount}/data/${p.path}`)) as typeof res;
    } catch (err) {
      if ((err as { response?: { statusCode?: number } }).response?.statusCode === 404) throw new Error(`No secret at ${p.mount}/${p.path}.`);
      throw new Error(describeBaoError(err, `OpenBao at ${bao.addr}`, bao.tokenFrom).sentence);
    }
    const data = res.data?.data ?? {};
    const shown = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, values.show ? v : '***']));
    if (values.json || values.output === 'json') process.stdout.write(`${JSON.stringify({ path: `${p.mount}/${p.path}`, version: res.data?.metadata?.version ?? null, created_time: res.data?.metadata?.created_time ?? null, data: shown }, null, 2)}\n`);
    else {
      process.stdout.write(`Path     ${p.mount}/${p.path}\nVersion  ${res.data?.metadata?.version ?? '?'}\nCreated  ${res.data?.metadata?.created_time ?? '?'}\n\n`);
      const w = Math.max(3, ...Object.keys(shown).map((k) => k.length));
      process.stdout.write(`${'Key'.padEnd(w)}  Value\n${Object.entries(shown).map(([k, v]) => `${k.padEnd(w)}  ${String(v)}`).join('\n')}\n`);
      if (!values.show) process.stderr.write('(values masked; --show prints them)\n');
    }
    return 0;
  });
}
