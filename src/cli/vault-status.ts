// `sunbeam-console vault status [-o json]`: the playbook's `sunbeam vault status`, as `bao status` prints it,
// for every replica of the StatefulSet (through the Kubernetes API's pod proxy, since a sealed pod is out of
// the Service), and the token. Exit codes as bao status's: 0 unsealed, 2 sealed (any replica), 1 an error
// (OpenBao not configured or not answering).
import { readReplicas, unsealOrder, baoOf } from '../actions/primitives/bao-replicas.js';
import { describeBaoError } from '../sources/openbao/errors.js';
import { tokenRecord, ttlWords } from '../sources/openbao/records.js';
import type { BaoToken } from '../store/openbao-slice.js';
import { withSession, type ConnectionValues } from './action-cli.js';

interface StatusValues extends ConnectionValues {
  output?: string;
  json?: boolean;
}

export async function run(opts: Record<string, unknown>): Promise<number> {
  const values = opts as StatusValues;
  if (values.output && values.output !== 'json') {
    process.stderr.write(`sunbeam-console vault status: -o takes json, not "${values.output}".\n`);
    return 1;
  }
  return withSession('vault status', values, async (s) => {
    const bao = baoOf(s.clients);
    const replicas = unsealOrder(await readReplicas(s.clients));
    let token: BaoToken;
    if (!bao.hasToken) token = { state: 'none', error: 'no token (set BAO_TOKEN or run bao login)' };
    else {
      try {
        token = tokenRecord(await bao.service.vault.tokenLookupSelf(), Date.now(), bao.tokenFrom);
      } catch (err) {
        const info = describeBaoError(err, `OpenBao at ${bao.addr}`, bao.tokenFrom);
        token = { state: info.kind === 'forbidden' ? 'invalid' : 'unknown', error: info.sentence };
      }
    }
    const answered = replicas.filter((r) => r.status);
    const sealed = answered.some((r) => r.status!.sealed !== false);
    if (values.json || values.output === 'json') {
      const out = {
        addr: bao.addr,
        sealed: answered.length ? sealed : null,
        replicas: replicas.map((r) => ({ name: r.name, ...(r.status ?? {}), ...(r.leader ? { ha_enabled: r.leader.ha_enabled, leader: r.leader.is_self, leader_address: r.leader.leader_address } : {}), ...(r.error ? { error: r.error } : {}) })),
        token: { state: token.state, ...(token.ttlSeconds !== undefined ? { ttl: token.ttlSeconds } : {}), ...(token.expireTime ? { expire_time: token.expireTime } : {}), ...(token.error ? { error: token.error } : {}) },
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const r of replicas) {
        const st = r.status;
        const rows: [string, string][] = [['Replica', r.name === 'service' ? `${bao.addr} (the openbao Service)` : r.name]];
        if (!st) rows.push(['Error', r.error ?? 'no answer']);
        else {
          rows.push(['Seal Type', st.type ?? '?'], ['Initialized', String(st.initialized)], ['Sealed', String(st.sealed)], ['Total Shares', String(st.n ?? '?')], ['Threshold', String(st.t ?? '?')]);
          if (st.sealed) rows.push(['Unseal Progress', `${st.progress ?? 0}/${st.t ?? '?'}`], ['Unseal Nonce', st.nonce || 'n/a']);
          rows.push(['Version', st.version ?? '?']);
          if (st.cluster_name) rows.push(['Cluster Name', st.cluster_name]);
          if (r.leader) rows.push(['HA Enabled', String(r.leader.ha_enabled)], ['HA Mode', r.leader.is_self ? 'active' : 'standby'], ...(r.leader.leader_address ? [['Active Node Address', r.leader.leader_address] as [string, string]] : []));
        }
        const w = Math.max(...rows.map(([k]) => k.length));
        process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n\n`);
      }
      process.stdout.write(`Token  ${token.state === 'valid' ? `${ttlWords(token)}${token.from ? ` (from ${token.from})` : ''}` : `${token.state}: ${token.error ?? ''}`}\n`);
    }
    if (answered.length === 0) {
      process.stderr.write(`sunbeam-console vault status: ${replicas[0]?.error ?? 'OpenBao did not answer.'}\n`);
      return 1;
    }
    return sealed ? 2 : 0;
  });
}
