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
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { mergeKubeconfigs } from './kubeconfig-merge.js';
import { parseKubeconfig, type RawKubeconfig } from './kubeconfig-parse.js';

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
  /** The current context's `namespace:`, if it sets one: kubectl's default namespace when -n is not given. */
  namespace?: string;
}

export interface KubeConfigChoice {
  /** An explicit kubeconfig path (flag or config file); otherwise KUBECONFIG, then ~/.kube/config. */
  kubeconfig?: string;
  context?: string;
}

/**
 * Where we look for a kubeconfig, in order; used for the "looked for X" sentence when none is usable. As kubectl:
 * an explicit path alone, else KUBECONFIG's entries (empty ones skipped, each path once), else ~/.kube/config.
 */
export function kubeconfigCandidates(choice: KubeConfigChoice = {}, env: NodeJS.ProcessEnv = process.env): string[] {
  if (choice.kubeconfig) return [choice.kubeconfig];
  if (env.KUBECONFIG) return [...new Set(env.KUBECONFIG.split(delimiter).filter(Boolean))];
  return [join(homedir(), '.kube', 'config')];
}

/** Each candidate that exists, parsed; a KUBECONFIG entry that does not exist is skipped, as kubectl does. */
function readKubeconfigs(candidates: string[]): { path: string; config: RawKubeconfig }[] {
  const read: { path: string; config: RawKubeconfig }[] = [];
  for (const path of candidates) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`The kubeconfig ${path} could not be read (${(err as NodeJS.ErrnoException).code ?? 'read failed'}); fix it or try --demo.`);
    }
    read.push({ path, config: parseKubeconfig(path, text) });
  }
  return read;
}

/**
 * Loads the kubeconfig (the files of KUBECONFIG merged by kubectl's rules, kubeconfig-merge.ts), or throws an
 * Error with one clear sentence. Never falls back to client-node's localhost:8080 default: an on-call engineer
 * must not be pointed at a cluster they did not choose.
 */
export function loadKubeConfig(choice: KubeConfigChoice = {}, env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const candidates = kubeconfigCandidates(choice, env);
  const files = readKubeconfigs(candidates);
  if (files.length === 0) {
    const looked = candidates.length > 0 ? candidates.join(', ') : 'KUBECONFIG, which names no file';
    throw new Error(`No kubeconfig found (looked for ${looked}); pass --kubeconfig PATH or try --demo.`);
  }
  const where = files.map((f) => f.path).join(', ');
  const kc = new KubeConfig();
  try {
    // JSON is YAML: client-node turns the merged object into its clusters, users and contexts as from a file.
    kc.loadFromString(JSON.stringify(mergeKubeconfigs(files.map((f) => f.config))));
  } catch (err) {
    throw new Error(`The kubeconfig ${where} could not be read (${(err as Error).message.split('\n')[0]}); fix it or try --demo.`);
  }
  if (choice.context) {
    if (!kc.getContextObject(choice.context)) throw new Error(`The kubeconfig has no context "${choice.context}".`);
    kc.setCurrentContext(choice.context);
  }
  if (!kc.getCurrentCluster()) {
    throw new Error(`The kubeconfig ${where} has no current context with a cluster; set one or try --demo.`);
  }
  return kc;
}

/** The current context's namespace: kubectl's default when -n is not given (undefined when the context sets none). */
function contextNamespace(kc: KubeConfig): string | undefined {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || undefined;
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
    namespace: contextNamespace(kc),
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
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || e?.name === 'TimeoutError') return `${what} did not answer in time.`;
  if (code && String(code).startsWith('ERR_TLS') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return `${what}'s TLS certificate is not trusted (${code}); check the kubeconfig's certificate-authority-data.`;
  const msg = (e?.cause?.message ?? e?.message ?? String(err)).split('\n')[0]!;
  return `${what} failed: ${msg.replace(/Bearer\s+\S+/gi, 'Bearer ***')}`;
}
