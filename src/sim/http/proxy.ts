// A request relayed to something that listens inside the Box (a pod's port), and its answer: the contract
// between the Kubernetes API's pod proxy (src/sim/k8s/pod-proxy.ts), which relays, and the simulated servers
// that listen in pods (src/sim/servers/pod-backends.ts), so neither imports the other.
/** A request the API server's pod proxy (`pods/{scheme}:{name}:{port}/proxy/{path}`) passes to a pod. */
export interface ProxyRequest {
  namespace: string;
  pod: string;
  scheme: 'http' | 'https';
  port: number;
  method: string;
  /** The path under the pod, with its query: '/v1/sys/seal-status?x=1'. */
  path: string;
  /** Lower-case names, without the API server's own Authorization. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PodProxyProvider {
  /** What the pod answers, or undefined when nothing listens on that port (the API server then reports the refused dial). */
  forward(req: ProxyRequest): Promise<ProxyResponse | undefined>;
}
