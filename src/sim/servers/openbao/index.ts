// OpenBao as a simulated server: the HTTP API of every replica of the StatefulSet openbao/openbao (the
// Box's seal state, src/sim/box/openbao), on its own loopback port as the `openbao` Service (routed to the
// active replica, else an unsealed standby; with none Ready the Service has no endpoints and connections
// are dropped), and per replica through the Kubernetes API's pod proxy (`pods/https:openbao-N:8200/proxy/v1/...`),
// which is how a sealed replica is reached. It hands out BAO_ADDR, BAO_CACERT and BAO_TOKEN (the demo's
// root token), and writes the five unseal key shares where `--unseal-keys` says (mode 0600).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import type { World } from '../../box/world.js';
import { BodyTooLargeError, readBody } from '../../http/body.js';
import { LOOPBACK, createTlsServer } from '../../http/tls-server.js';
import type { ProxyRequest, ProxyResponse } from '../../http/proxy.js';
import type { RunningServer, SimServer } from '../types.js';
import { handleReplica } from './api.js';
import type { BaoReply } from './wire.js';

export const OPENBAO_PORT = 8200;

interface RunningOpenBao extends RunningServer {
  /** The five unseal key shares of this run (base64), as the keys file holds them. */
  readonly shares: readonly string[];
}

/** Writes a file only its owner can read. */
function writePrivate(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The replica the Service sends a new request to: the active one, else an unsealed standby (which forwards). */
function serviceTarget(world: World): string | undefined {
  return world.bao.leader ?? world.bao.views().find((r) => r.up && !r.sealed)?.name;
}

function encode(reply: BaoReply, head: boolean): { status: number; headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) return { status: reply.status, headers, body: Buffer.alloc(0) };
  const body = Buffer.from(`${JSON.stringify(reply.body)}\n`);
  headers['content-type'] = 'application/json';
  return { status: reply.status, headers, body: head ? Buffer.alloc(0) : body };
}

const NOT_FOUND = { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('404 page not found\n') };

/** One request for one replica: `rawPath` is the path under the server ('/v1/sys/health?x'). */
async function serve(world: World, replica: string, method: string, rawPath: string, headers: Record<string, string | undefined>, body: string): Promise<ProxyResponse> {
  const url = new URL(rawPath, 'https://openbao');
  if (!url.pathname.startsWith('/v1/')) return NOT_FOUND;
  const reply = await handleReplica(world, replica, { method, path: decodeURIComponent(url.pathname.slice(4)), query: url.searchParams, headers, body }, new Date());
  return encode(reply, method === 'HEAD');
}

export const openbaoApi: SimServer<RunningOpenBao> = {
  id: 'openbao',
  async start({ box, tls, options, tmpDir, pods }) {
    const world = box.world;
    const shares = await world.bao.init();
    if (options.unsealKeysPath) {
      try {
        writePrivate(options.unsealKeysPath, `${shares.join('\n')}\n`);
      } catch (err) {
        throw new Error(`Could not write the unseal keys file ${options.unsealKeysPath}: ${(err as Error).message}`);
      }
    }
    const caPath = join(tmpDir(), 'openbao-ca.pem');
    writePrivate(caPath, tls.caPem);

    const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
      const target = serviceTarget(world);
      if (!target) {
        // the Service lost its last endpoint while this connection was open
        req.socket.destroy();
        return;
      }
      let body: string;
      try {
        body = await readBody(req, 32 * 1024 * 1024);
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          res.writeHead(413, { 'content-type': 'application/json' }).end('{"errors":["http: request body too large"]}\n');
          return;
        }
        req.socket.destroy();
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      try {
        const out = await serve(world, target, req.method ?? 'GET', req.url ?? '/', headers, body);
        res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) }).end(out.body);
      } catch (err) {
        process.emitWarning(`sim openbao: ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(`${JSON.stringify({ errors: [String((err as Error)?.message ?? err)] })}\n`);
      }
    };
    const http = createTlsServer(tls, (req, res) => void onRequest(req, res));
    // no Ready replica: the Service has no endpoints, so a new connection goes nowhere
    http.server.prependListener('connection', (s: Socket) => {
      if (!serviceTarget(world)) s.destroy();
    });
    const unregister = pods.register({
      namespace: 'openbao',
      port: OPENBAO_PORT,
      serves: (pod) => world.bao.has(pod),
      async handle(req: ProxyRequest) {
        if (!world.bao.view(req.pod)?.up) return undefined;
        if (req.scheme === 'http') {
          return { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, body: Buffer.from('Client sent an HTTP request to an HTTPS server.\n') };
        }
        return serve(world, req.pod, req.method, req.path, req.headers, req.body.toString('utf8'));
      },
    });
    let port: number;
    try {
      port = await http.listen(0);
    } catch (err) {
      unregister();
      throw err;
    }
    const url = `https://${LOOPBACK}:${port}`;
    return {
      url,
      env: { BAO_ADDR: url, BAO_CACERT: caPath, BAO_TOKEN: world.tokens.root.id },
      shares,
      stop: async () => {
        unregister();
        await http.close();
      },
    };
  },
};
