// Rung 4's verdict, from each replica's seal state: sealed everywhere is failing ("sealed, 1/3 shares"), a
// replica sealed while another serves is a warning, every replica unsealed is ok. Never ok when it cannot
// tell: 'not connected' without BAO_ADDR, unknown while connecting or when OpenBao (or the pod proxy) does
// not answer, in the words of its state.
import type { OpenbaoData } from '../store/openbao-slice.js';
import type { SourceHealth } from '../store/records.js';
import { answering, openbaoLive } from './rules/openbao.js';
import { sourceStateWords } from './source-state.js';
import type { RungVerdict } from './types.js';

type Judged = Pick<RungVerdict, 'verdict' | 'summary'>;

export function vaultVerdict(ob: OpenbaoData | undefined, health: SourceHealth | undefined): Judged {
  if (!health || health.state === 'not-connected') return { verdict: 'not-connected', summary: 'not connected' };
  if (!openbaoLive(ob, health)) {
    if (health.state === 'connecting' || (health.state === 'ok' && !ob?.synced)) return { verdict: 'unknown', summary: 'connecting' };
    return { verdict: 'unknown', summary: health.state === 'ok' || health.state === 'degraded' ? 'not answering' : sourceStateWords(health.state) };
  }
  const live = answering(ob);
  const total = Object.keys(ob!.replicas).length;
  const sealed = live.filter((r) => r.sealed === true || r.initialized === false);
  const of = total > 1 ? ` ${live.length - sealed.length}/${total} unsealed` : '';
  if (live.some((r) => r.initialized === false) && sealed.length === live.length) return { verdict: 'failing', summary: 'not initialized' };
  if (sealed.length === live.length) {
    const r = sealed.find((x) => (x.progress ?? 0) > 0) ?? sealed[0]!;
    return { verdict: 'failing', summary: `sealed${r.t ? `, ${r.progress ?? 0}/${r.t} shares` : ''}${of ? `,${of}` : ''}` };
  }
  if (sealed.length) return { verdict: 'warn', summary: `${sealed.length} sealed,${of}` };
  if (live.length < total) return { verdict: 'warn', summary: `unsealed, ${total - live.length} not answering` };
  if (ob!.token?.state === 'invalid') return { verdict: 'warn', summary: 'unsealed, token refused' };
  return { verdict: 'ok', summary: total > 1 ? `unsealed,${of}` : 'unsealed' };
}
