// Whether the alert bot's credentials Secret exists (the last hop of "Alerts -> Matrix"), told by its metadata
// alone: one GET of the Secret with `Accept: application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1`, so
// that the API server sends the name, labels and annotations and never `data`, with the kube client's own
// credentials (kc.applyToHTTPSOptions, as kubectl's). 200 present, 404 missing, 401/403 forbidden; anything
// else (refused, a timeout, a 5xx) unreachable. Nothing of the answer but its status is read.
import http from 'node:http';
import https from 'node:https';
import type { KubeClients } from '../../kube/client.js';
import type { SolSlice } from '../../store/sol-slice.js';

export type BotSecretState = NonNullable<SolSlice['sol']['botSecret']>['state'];

/** The Box's bot Secret: monitoring/matrix-bot-secret. */
export const BOT_SECRET = { namespace: 'monitoring', name: 'matrix-bot-secret' } as const;

export const PARTIAL_METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

export function stateOfStatus(status: number): BotSecretState {
  if (status === 200) return 'present';
  if (status === 404) return 'missing';
  if (status === 401 || status === 403) return 'forbidden';
  return 'unreachable';
}

/** One metadata-only GET of the Secret; resolves with what it says (never rejects). */
export async function checkBotSecret(kube: Pick<KubeClients, 'kc' | 'server'>, secret: { namespace: string; name: string } = BOT_SECRET, timeoutMs = 10_000, signal?: AbortSignal): Promise<BotSecretState> {
  const opts: { method: string; headers: Record<string, string>; [k: string]: unknown } = { method: 'GET', headers: {} };
  try {
    await kube.kc.applyToHTTPSOptions(opts as never);
  } catch {
    return 'forbidden';
  }
  const url = new URL(`${kube.server.replace(/\/+$/, '')}/api/v1/namespaces/${encodeURIComponent(secret.namespace)}/secrets/${encodeURIComponent(secret.name)}`);
  opts.headers = { ...opts.headers, Accept: PARTIAL_METADATA_ACCEPT, 'User-Agent': 'sunbeam-console' };
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = mod.request(url, { ...(opts as https.RequestOptions), ...(signal ? { signal } : {}) }, (res) => {
      res.resume();
      resolve(stateOfStatus(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve('unreachable'));
    req.end();
  });
}
