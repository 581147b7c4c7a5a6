// The one place that turns a kubeconfig into @kubernetes/client-node clients. Sources (live panes), one-shot
// commands and actions all get their clients here.
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  Exec,
  KubeConfig,
  Log,
  NetworkingV1Api,
  PolicyV1Api,
  ApiException,
} from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  policy: PolicyV1Api;
  custom: CustomObjectsApi;
  log: Log;
  exec: Exec;
  /** The current context's name and server, for the top bar. */
  context: string;
  server: string;
}

export interface KubeConfigChoice {
  /** An explicit kubeconfig path (flag or config file); otherwise KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  context?: string;
}

/** Where we look for a kubeconfig, in order; used for the "looked for X" sentence when none is usable. */
export function kubeconfigCandidates(choice: KubeConfigChoice = {}, env: NodeJS.ProcessEnv = process.env): string[] {
  if (choice.kubeconfig) return [choice.kubeconfig];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(':').filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

/**
 * Loads the kubeconfig, or throws an Error with one clear sentence. Never falls back to client-node's
 * localhost:8080 default: an on-call engineer must not be pointed at a cluster they did not choose.
 */
export function loadKubeConfig(choice: KubeConfigChoice = {}, env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const candidates = kubeconfigCandidates(choice, env);
  const present = candidates.filter((p) => existsSync(p));
  if (present.length === 0) {
    throw new Error(`No kubeconfig found (looked for ${candidates.join(', ')}); pass --kubeconfig PATH or try --demo.`);
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(present[0]!);
    for (const extra of present.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(extra);
      kc.mergeConfig(more, true);
    }
  } catch (err) {
    throw new Error(`The kubeconfig ${present[0]} could not be read (${(err as Error).message}); fix it or try --demo.`);
  }
  if (choice.context) {
    if (!kc.getContextObject(choice.context)) throw new Error(`The kubeconfig has no context "${choice.context}".`);
    kc.setCurrentContext(choice.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(`The kubeconfig ${present[0]} has no current context with a cluster; set one or try --demo.`);
  }
  return kc;
}

export function kubeClients(kc: KubeConfig): KubeClients {
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    policy: kc.makeApiClient(PolicyV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
    log: new Log(kc),
    exec: new Exec(kc),
    context: kc.getCurrentContext(),
    server: kc.getCurrentCluster()?.server ?? '',
  };
}

/** The Kubernetes Status an ApiException carries (client-node gives the body as raw text), if any. */
export function statusOf(err: unknown): { code?: number; reason?: string; message?: string } | undefined {
  if (!(err instanceof ApiException)) return undefined;
  let body: any = err.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = undefined;
    }
  }
  return { code: err.code, reason: body?.reason, message: body?.message };
}

/** One clear sentence for any error from the Kubernetes API, without tokens or headers. */
export function describeKubeError(err: unknown, what = 'The Kubernetes API'): string {
  const st = statusOf(err);
  if (st) {
    if (st.code === 401) return `${what} refused our credentials (401 Unauthorized); check the kubeconfig's token.`;
    if (st.code === 403) return `${what} forbids this: ${st.message ?? 'permission denied'} (403).`;
    if (st.code === 404) return `${st.message ?? 'Not found'} (404).`;
    if (st.code === 409) return `${st.message ?? 'Conflict'} (409); reload and try again.`;
    return `${what} answered ${st.code}${st.message ? `: ${st.message}` : ''}.`;
  }
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string; name?: string };
  const code = e?.cause?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return `${what} is unreachable (connection refused); is the cluster up and the kubeconfig right?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${what}'s host name does not resolve; check the kubeconfig's server.`;
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError') return `${what} did not answer in time.`;
  if (code && String(code).startsWith('ERR_TLS') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return `${what}'s TLS certificate is not trusted (${code}); check the kubeconfig's certificate-authority-data.`;
  const msg = (e?.cause?.message ?? e?.message ?? String(err)).split('\n')[0]!;
  return `${what} failed: ${msg.replace(/Bearer\s+\S+/gi, 'Bearer ***')}`;
}
