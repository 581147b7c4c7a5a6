// The one sentence of a failure, whatever backend it came from: the first line of its message. Each backend's
// boundary makes that message (the Kubernetes primitives and writer through kube-errors.ts; OpenBao, Loki...
// through their own), so the executor, the flow and the one-shots assume no backend.
export function errorSentence(err: unknown): string {
  const message = (err as { message?: unknown })?.message;
  return (typeof message === 'string' ? message : String(err)).split('\n')[0]!;
}
