// What listens inside the Box's pods, for the Kubernetes API's pod proxy: a simulated server (OpenBao...)
// registers a handler for its pods' port, and the API server forwards `pods/.../proxy/...` requests to it.
// Nothing registered for a pod and port means nothing listens there.
import type { PodProxyProvider, ProxyRequest, ProxyResponse } from '../http/proxy.js';

export interface PodBackend {
  namespace: string;
  /** Whether this backend serves the pod of that name. */
  serves(pod: string): boolean;
  port: number;
  handle(req: ProxyRequest): Promise<ProxyResponse | undefined>;
}

export class PodBackends implements PodProxyProvider {
  private readonly backends = new Set<PodBackend>();

  /** Returns the function that unregisters it. */
  register(b: PodBackend): () => void {
    this.backends.add(b);
    return () => this.backends.delete(b);
  }

  async forward(req: ProxyRequest): Promise<ProxyResponse | undefined> {
    for (const b of this.backends) if (b.namespace === req.namespace && b.port === req.port && b.serves(req.pod)) return b.handle(req);
    return undefined;
  }
}
