// What the API server asks the simulated Box for: container logs and in-container commands.
// The Box (src/sim/box/) implements these; the HTTP layer (src/sim/k8s/) only speaks the wire protocol.

export interface LogLine {
  /** When it was written, to the millisecond. */
  time: Date;
  /**
   * The nanoseconds within that millisecond (0-999999), as a container runtime records them: with it, each
   * line of a container has a unique, strictly increasing timestamp. Absent reads as 0.
   */
  nano?: number;
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

