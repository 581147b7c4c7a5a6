// What the API server asks the simulated Box for: container logs and in-container commands.
// The Box (src/sim/box/) implements these; the HTTP layer (src/sim/k8s/) only speaks the wire protocol.

export interface LogLine {
  time: Date;
  /** One line, without the trailing newline and without a timestamp prefix. */
  text: string;
}

export interface LogProvider {
  /**
   * Lines this container has written so far, oldest first (a bounded history), or undefined when the pod has
   * no such container. `previous` asks for the last terminated instance of the container (after a restart).
   */
  history(namespace: string, pod: string, container: string, previous: boolean): LogLine[] | undefined;
  /** New lines as the container writes them. Returns the unsubscribe function. */
  follow(namespace: string, pod: string, container: string, onLine: (line: LogLine) => void): () => void;
}

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
}

export interface ExecIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Set when the client goes away; long commands should stop. */
  signal: AbortSignal;
}

export interface ExecProvider {
  /** Runs a command from the container's small command table and resolves to its exit code (127: not found). */
  run(req: ExecRequest, io: ExecIO): Promise<number>;
}

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
