// The OpenBao clients of a session: node-vault over BAO_ADDR (the openbao Service: the active replica, or any
// unsealed one) and, for each replica of the StatefulSet, node-vault through the Kubernetes API's pod proxy
// (/api/v1/namespaces/openbao/pods/https:openbao-N:8200/proxy/v1/...) with the kube client's credentials: a
// sealed pod drops out of the Service, so that is how its own state is read and how it is unsealed. Every
// request is counted (the idle request rate is measured). node-vault's own debug log is silenced: it would
// print request bodies. Reads only; the writes go through src/actions/writers/bao.ts.
import type { KubeConfig } from '@kubernetes/client-node';
import { nodeVault, type VaultClient } from './vault-factory.js';
import type { BaoSettings } from '../../session/bao-env.js';

export type { VaultClient } from './vault-factory.js';

/** Where the Box's OpenBao runs: the StatefulSet's namespace and name, and the port its pods listen on. */
export const OPENBAO = { namespace: 'openbao', statefulSet: 'openbao', port: 8200 } as const;

/** One address OpenBao answers on: the Service (BAO_ADDR) or one replica through the pod proxy. */
export interface BaoEndpoint {
  /** 'service' or the pod's name ('openbao-0'). */
  name: string;
  vault: VaultClient;
  /** What each request to it carries (TLS, the Kubernetes credentials for the pod proxy, the timeout). */
  requestOptions: Record<string, unknown> & { headers?: Record<string, string> };
}

/** The seal status an unseal (or reset) answered with: the same JSON as sys/seal-status. */
export type SealStatusListener = (replica: string, status: unknown) => void;

export interface BaoClients {
  /** The settings without the token. */
  addr: string;
  addrFrom: string;
  tokenFrom?: string;
  hasToken: boolean;
  skipVerify: boolean;
  /** A setting that could not be used, one sentence (the source shows it instead of reading). */
  problem?: string;
  /** BAO_ADDR. */
  service: BaoEndpoint;
  /** A replica through the Kubernetes API's pod proxy; undefined when the session has no Kubernetes client. */
  replica(pod: string): Promise<BaoEndpoint | undefined>;
  /** What an unseal answered, for the source to write into the store at once (the ladder clears live). */
  onSealStatus(listener: SealStatusListener): () => void;
  reportSealStatus(replica: string, status: unknown): void;
  /** Requests sent so far, by every endpoint. */
  requests(): number;
}

const TIMEOUT_MS = 5000;
/** The Kubernetes credentials of the pod proxy are re-read this often (an exec plugin's token expires). */
const KUBE_AUTH_MS = 60_000;

function silent(): void {}

function endpoint(name: string, url: string, token: string | undefined, requestOptions: BaoEndpoint['requestOptions'], count: () => void): BaoEndpoint {
  const debug = Object.assign(silent, { enabled: false });
  const vault = nodeVault({ endpoint: url, apiVersion: 'v1', ...(token ? { token } : {}), requestOptions, debug } as Parameters<typeof nodeVault>[0]);
  const request = vault.request.bind(vault);
  vault.request = (o: Parameters<VaultClient['request']>[0]) => {
    count();
    return request(o);
  };
  return { name, vault, requestOptions };
}

/** The pod proxy's base URL for a replica: https is the scheme the API server speaks to the pod with. */
export function podProxyUrl(server: string, pod: string, namespace: string = OPENBAO.namespace, port: number = OPENBAO.port): string {
  return `${server.replace(/\/+$/, '')}/api/v1/namespaces/${namespace}/pods/https:${pod}:${port}/proxy`;
}

export function baoClients(settings: BaoSettings, kube?: { kc: KubeConfig; server: string }): BaoClients {
  let count = 0;
  const counted = () => void count++;
  const listeners = new Set<SealStatusListener>();
  const tls: Record<string, unknown> = { timeout: TIMEOUT_MS, strictSSL: !settings.skipVerify, ...(settings.ca ? { ca: settings.ca } : {}) };
  const service = endpoint('service', settings.addr, settings.token, tls, counted);
  const replicas = new Map<string, { at: number; ep: Promise<BaoEndpoint> }>();

  async function replicaEndpoint(pod: string): Promise<BaoEndpoint> {
    const opts: { ca?: unknown; cert?: unknown; key?: unknown; headers?: Record<string, string>; rejectUnauthorized?: boolean } = { headers: {} };
    await kube!.kc.applyToHTTPSOptions(opts as never);
    const requestOptions: BaoEndpoint['requestOptions'] = { timeout: TIMEOUT_MS, headers: { ...(opts.headers ?? {}) } };
    for (const k of ['ca', 'cert', 'key'] as const) if (opts[k] !== undefined) requestOptions[k] = opts[k];
    requestOptions.strictSSL = opts.rejectUnauthorized !== false;
    return endpoint(pod, podProxyUrl(kube!.server, pod), settings.token, requestOptions, counted);
  }

  const clients: BaoClients = {
    addr: settings.addr,
    addrFrom: settings.addrFrom,
    hasToken: !!settings.token,
    skipVerify: settings.skipVerify,
    service,
    async replica(pod) {
      if (!kube) return undefined;
      const hit = replicas.get(pod);
      if (hit && Date.now() - hit.at < KUBE_AUTH_MS) return hit.ep;
      const ep = replicaEndpoint(pod);
      replicas.set(pod, { at: Date.now(), ep });
      ep.catch(() => replicas.delete(pod));
      return ep;
    },
    onSealStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reportSealStatus(replica, status) {
      for (const l of listeners) l(replica, status);
    },
    requests: () => count,
  };
  if (settings.tokenFrom) clients.tokenFrom = settings.tokenFrom;
  if (settings.problem) clients.problem = settings.problem;
  return clients;
}
