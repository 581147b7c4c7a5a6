// The API server's pod proxy: `/api/v1/namespaces/{ns}/pods/{scheme}:{name}:{port}/proxy/{path}` (scheme and
// port optional, as net.SplitSchemeNamePort reads them; no port: the pod's first container port) forwards
// any method, the body and the headers (not the API server's own Authorization) to what listens in the pod,
// and passes its answer back as it came. Nothing listening is a 503 ServiceUnavailable Status with the
// refused dial, as a real API server reports it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-util.js';
import type { ObjectStore } from './object-store.js';
import type { PodProxyProvider } from '../http/proxy.js';
import { errors } from './status.js';

const PROXY_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/proxy(\/.*)?$/;

export interface ProxyTarget {
  namespace: string;
  /** The id as given: 'https:openbao-0:8200'. */
  id: string;
  /** The path under the pod, '/' when none. */
  path: string;
}

/** Whether a path is a pod proxy request, and for which pod. */
export function proxyTarget(pathname: string): ProxyTarget | undefined {
  const m = PROXY_PATH.exec(pathname);
  if (!m) return undefined;
  try {
    return { namespace: decodeURIComponent(m[1]!), id: decodeURIComponent(m[2]!), path: m[3] ?? '/' };
  } catch {
    throw errors.badRequest(`malformed path: ${pathname}`);
  }
}

/** `[scheme:]name[:port]` as the API server splits it. */
export function splitSchemeNamePort(id: string): { scheme: 'http' | 'https'; name: string; port?: string } {
  const parts = id.split(':');
  if (parts.length === 1) return { scheme: 'http', name: parts[0]! };
  if (parts.length === 2) return { scheme: 'http', name: parts[0]!, port: parts[1] };
  if (parts.length === 3 && (parts[0] === 'http' || parts[0] === 'https' || parts[0] === '')) {
    return { scheme: parts[0] === 'https' ? 'https' : 'http', name: parts[1]!, port: parts[2] };
  }
  throw errors.badRequest(`invalid request "${id}"`);
}

const HOP = new Set(['authorization', 'host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade']);

export async function handlePodProxy(store: ObjectStore, proxy: PodProxyProvider | undefined, t: ProxyTarget, req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
  const { scheme, name, port: portId } = splitSchemeNamePort(t.id);
  const pod = store.get('pods', t.namespace, name);
  if (!pod || pod.metadata.deletionTimestamp) throw errors.notFound('pods', '', name);
  const ports: { name?: string; containerPort: number }[] = (pod.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []);
  const port = portId === undefined || portId === '' ? ports[0]?.containerPort : /^\d+$/.test(portId) ? Number(portId) : ports.find((p) => p.name === portId)?.containerPort;
  if (port === undefined) throw errors.badRequest(portId ? `no such port "${portId}" in pod ${name}` : `pod ${name} has no container ports to proxy to`);
  const ip = pod.status?.podIP ?? '';
  const unreachable = () => errors.serviceUnavailable(`error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`);
  if (!ip || !proxy) throw unreachable();
  const body = Buffer.from(await readBody(req));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const out = await proxy.forward({ namespace: t.namespace, pod: name, scheme, port, method: req.method ?? 'GET', path: `${t.path}${search}`, headers, body });
  if (!out) throw unreachable();
  res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
  res.end(req.method === 'HEAD' ? undefined : out.body);
}
