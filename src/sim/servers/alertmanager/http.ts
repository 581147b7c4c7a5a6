// A plain HTTP server on loopback (AlertManager inside a cluster listens without TLS), tracking its
// connections so close() ends them all at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { LOOPBACK } from '../../http/tls-server.js';

export interface PlainServer {
  readonly server: Server;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

export function createPlainServer(onRequest: (req: IncomingMessage, res: ServerResponse) => void): PlainServer {
  const sockets = new Set<Socket>();
  const server = createServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_err, s) => s.destroy());
  return {
    server,
    listen(p) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, LOOPBACK, () => {
          server.off('error', reject);
          resolve((server.address() as { port: number }).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        server.closeAllConnections?.();
      });
    },
  };
}
