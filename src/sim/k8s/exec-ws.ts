// pods/exec over WebSocket (the channel.k8s.io protocols): channel 1 stdout, 2 stderr, 3 the exit Status.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerDeps } from './context.js';
import { queryBool } from './http-util.js';
import { containerOf } from './logs.js';
import { ApiError, errors, type K8sStatus } from './status.js';

/** In order of preference; v4 and v5 carry a JSON Status on channel 3, the older ones plain text. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

export function createExecWss(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
}

/** Writes a Status as a plain HTTP response on a socket that was not upgraded. */
export function refuseUpgrade(socket: Duplex, status: K8sStatus): void {
  const body = JSON.stringify(status);
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status.code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

interface ExecParams {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Validates an exec request against the pod, as the API server and kubelet do; throws ApiError. */
export function execParams(deps: ServerDeps, namespace: string, name: string, q: URLSearchParams): ExecParams {
  const pod = deps.store.mustGet('pods', namespace, name);
  const stdin = queryBool(q, 'stdin');
  const stdout = queryBool(q, 'stdout');
  const stderr = queryBool(q, 'stderr');
  const tty = queryBool(q, 'tty');
  if (!stdin && !stdout && !stderr) throw errors.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const command = q.getAll('command');
  if (command.length === 0) throw errors.badRequest('you must specify at least one command for the container');
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw errors.badRequest(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = containerOf(pod, q.get('container'));
  if (!pod.spec?.nodeName) throw errors.badRequest(`pod ${name} does not have a host assigned`);
  const cs = (pod.status?.containerStatuses ?? []).find((c: any) => c.name === container);
  if (!cs?.state?.running) throw errors.internal('error executing command in container: container is not created or running');
  return { namespace, pod: name, container, command, stdout, stderr, tty };
}

function exitStatus(code: number, command: string[]): K8sStatus | { metadata: object; status: 'Success' } {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
    code: 500,
  };
}

export function runExec(deps: ServerDeps, wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, p: ExecParams): void {
  wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
    const ac = new AbortController();
    const jsonStatus = ws.protocol === 'v4.channel.k8s.io' || ws.protocol === 'v5.channel.k8s.io';
    let done = false;
    const send = (channel: number, text: string) => {
      if (done || ws.readyState !== ws.OPEN || text === '') return;
      ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));
    };
    const finish = (status?: object, text?: string) => {
      if (done) return;
      if (status && ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(jsonStatus ? JSON.stringify(status) : (text ?? ''), 'utf8')]));
      done = true;
      unregister();
      ac.abort();
      if (ws.readyState === ws.OPEN) ws.close(1000);
    };
    const unregister = deps.streams.add('exec', () => {
      finish();
      ws.terminate();
    });
    ws.on('close', () => {
      done = true;
      unregister();
      ac.abort();
    });
    ws.on('error', () => ws.terminate());
    // stdin (0), resize (4) and stream-close frames ([255, n]) are accepted; the Box's commands read no input.
    ws.on('message', () => undefined);
    deps.exec
      .run(
        { namespace: p.namespace, pod: p.pod, container: p.container, command: p.command },
        {
          stdout: (t) => p.stdout && send(1, t),
          stderr: (t) => (p.tty ? p.stdout && send(1, t) : p.stderr && send(2, t)),
          signal: ac.signal,
        },
      )
      .then(
        (code) => {
          const st = exitStatus(code, p.command);
          finish(st, code === 0 ? '' : (st as K8sStatus).message);
        },
        (err: unknown) => {
          const st = err instanceof ApiError ? err.status : errors.internal(`error executing command in container: ${(err as Error)?.message ?? String(err)}`).status;
          finish(st, st.message);
        },
      );
  });
}
