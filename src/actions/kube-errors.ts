// Kubernetes errors at the boundary of the Kubernetes primitives: a client's failure (an API status, a
// connection refused) becomes an Error whose message is describeKubeError's one sentence, with the original as
// its cause. The executor, the flow and the one-shots then read any backend's error the same way (the first
// line of its message), so that an OpenBao or Loki error never reads as a Kubernetes one. The Kubernetes
// writer wraps its calls with kubeError; the primitives read through kubeReads (primitives/kube-step.ts hands
// a step's preflight, run and verify those clients).
import { describeKubeError, statusOf, type KubeClients } from '../kube/client.js';

/** A Kubernetes client's failure, its message already the one sentence a user reads. */
class KubeError extends Error {}

/** A client error as a KubeError; our own errors (a plain sentence: no status, code or cause) pass unchanged. */
export function kubeError(err: unknown): unknown {
  if (err instanceof KubeError) return err;
  const e = err as { code?: unknown; cause?: unknown };
  if (statusOf(err) || e?.cause || e?.code) return new KubeError(describeKubeError(err), { cause: err });
  return err;
}

/** The Kubernetes Status of an error, whether raw or wrapped by kubeError. */
export function kubeStatusOf(err: unknown): ReturnType<typeof statusOf> {
  return statusOf(err instanceof KubeError ? err.cause : err);
}

const API_GROUPS = ['core', 'apps', 'batch', 'networking', 'policy', 'custom'] as const;
const wrapped = new WeakMap<object, KubeClients>();
const wrappers = new WeakSet<object>();

/** The same clients, whose API calls reject with a KubeError. */
export function kubeReads(clients: KubeClients): KubeClients {
  if (wrappers.has(clients)) return clients;
  const known = wrapped.get(clients);
  if (known) return known;
  const out = { ...clients };
  for (const group of API_GROUPS) {
    const api = clients[group] as object | undefined;
    if (!api) continue;
    (out as Record<string, unknown>)[group] = new Proxy(api, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          try {
            const r = v.apply(target, args);
            return r instanceof Promise ? r.catch((err: unknown) => Promise.reject(kubeError(err))) : r;
          } catch (err) {
            throw kubeError(err);
          }
        };
      },
    });
  }
  wrapped.set(clients, out);
  wrappers.add(out);
  return out;
}
