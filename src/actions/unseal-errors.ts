// What an unseal's failure means, in one sentence with what to do next: a malformed share, one entered twice,
// shares that do not open this OpenBao (a wrong one, or one of another cluster: OpenBao can only tell once the
// threshold is reached, and then discards the attempt), an OpenBao already unsealed, and whatever the pod proxy
// or the network says (errors.ts). Never quotes the share: OpenBao's messages do not carry it, and only the
// first line of its message is used.
import { describeBaoError } from '../sources/openbao/errors.js';

export function unsealErrorSentence(err: unknown, where: string, tokenFrom?: string, threshold?: number): string {
  const res = (err as { response?: { statusCode?: number; body?: { errors?: unknown[]; kind?: unknown } } })?.response;
  const first = String(res?.body?.errors?.[0] ?? '').split('\n')[0]!;
  if (res && res.body?.kind !== 'Status' && (res.statusCode === 400 || res.statusCode === 500)) {
    if (/vault is unsealed|already unsealed/i.test(first)) return `${where} is already unsealed; nothing to do.`;
    if (/combined key|decrypt|authentication failed|setup unseal key|invalid key size|duplicate part/i.test(first)) {
      return `The shares entered do not open ${where}: one of them is wrong or belongs to another cluster; OpenBao discarded this attempt, so start again with ${threshold ?? 'the threshold of'} correct shares.`;
    }
    if (/hex or base64|shorter than|longer than|must be specified|parse JSON|malformed/i.test(first)) {
      return `${where} did not take that: it is not a key share (base64 or hex, one whole line); nothing counted, check the copy and enter it again.`;
    }
  }
  return describeBaoError(err, where, tokenFrom).sentence;
}
