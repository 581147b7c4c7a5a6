// The OpenBao writer: the only code that sends an unseal share, an unseal reset or a KV write. An unseal goes
// to one replica (through the Kubernetes API's pod proxy, or BAO_ADDR) with the share in a Buffer that is the
// request body itself, built here and filled with zeros as soon as the answer is in (never a JS string, never
// node-vault's JSON serialiser, never its debug log); the caller wipes the share's own Buffer. What an unseal
// answers is reported to the OpenBao source (clients.reportSealStatus) so that the store, and the ladder, see
// the new seal state at once. There is no server-side dry run of an unseal or a KV write: a dry run writes
// nothing and says so. A failed write rejects with one sentence (errors.ts, unseal-errors.ts).
import type { BaoClients, BaoEndpoint } from '../../sources/openbao/client.js';
import { describeBaoError } from '../../sources/openbao/errors.js';
import { sealStatusOf, type SealStatus } from '../../sources/openbao/records.js';
import { unsealErrorSentence } from '../unseal-errors.js';

export interface KvWriteResult {
  version: number;
}

export interface BaoWriter {
  readonly dryRun: boolean;
  /** Submits one share to one replica (whose threshold, when known, words a refusal); returns its seal status. The body Buffer is wiped before this returns. */
  unseal(replica: BaoEndpoint, share: Buffer, threshold?: number): Promise<SealStatus>;
  /** Discards the shares entered so far on one replica. */
  resetUnseal(replica: BaoEndpoint): Promise<SealStatus>;
  /** KV v2 put of a whole secret, check-and-set against `cas` (0: create only). */
  kvPut(mount: string, path: string, data: Record<string, string>, cas: number): Promise<KvWriteResult>;
}

const PREFIX = Buffer.from('{"key":"');
const SUFFIX = Buffer.from('"}');

function where(ep: BaoEndpoint, clients: BaoClients): string {
  return ep.name === 'service' ? `OpenBao at ${clients.addr}` : ep.name;
}

function put(ep: BaoEndpoint, path: string, body: unknown): Promise<unknown> {
  const headers = { ...(ep.requestOptions.headers ?? {}), 'Content-Type': 'application/json' };
  return ep.vault.request({ ...ep.requestOptions, headers, method: 'PUT', path, json: body });
}

export function createBaoWriter(clients: BaoClients, opts: { dryRun: boolean }): BaoWriter {
  const dry = (what: string) => Promise.reject(new Error(`Dry run: OpenBao has no dry run of ${what}; nothing was sent.`));
  return {
    dryRun: opts.dryRun,
    async unseal(ep, share, threshold) {
      if (opts.dryRun) return dry('an unseal');
      const body = Buffer.alloc(PREFIX.length + share.length + SUFFIX.length);
      PREFIX.copy(body, 0);
      share.copy(body, PREFIX.length);
      SUFFIX.copy(body, PREFIX.length + share.length);
      try {
        const status = sealStatusOf(await put(ep, '/sys/unseal', body));
        clients.reportSealStatus(ep.name, status);
        return status;
      } catch (err) {
        throw new Error(unsealErrorSentence(err, where(ep, clients), clients.tokenFrom, threshold));
      } finally {
        body.fill(0);
      }
    },
    async resetUnseal(ep) {
      if (opts.dryRun) return dry('an unseal reset');
      try {
        const status = sealStatusOf(await put(ep, '/sys/unseal', { reset: true }));
        clients.reportSealStatus(ep.name, status);
        return status;
      } catch (err) {
        throw new Error(unsealErrorSentence(err, where(ep, clients), clients.tokenFrom));
      }
    },
    async kvPut(mount, path, data, cas) {
      if (opts.dryRun) return dry('a KV write');
      try {
        const res = (await clients.service.vault.write(`${mount}/data/${path}`, { options: { cas }, data })) as { data?: { version?: number } };
        return { version: res?.data?.version ?? cas + 1 };
      } catch (err) {
        const status = (err as { response?: { statusCode?: number; body?: { errors?: unknown[] } } }).response;
        const first = String(status?.body?.errors?.[0] ?? '');
        if (status?.statusCode === 400 && /check-and-set|cas/i.test(first)) {
          throw new Error(`${mount}/${path} changed since it was read (check-and-set against version ${cas} failed): someone else wrote it; read it again and retry.`);
        }
        throw new Error(describeBaoError(err, `OpenBao at ${clients.addr}`, clients.tokenFrom).sentence);
      }
    },
  };
}
