// An HTTPS server on loopback with the simulator's certificate, that tracks its connections so close() ends
// them all at once (keep-alive sockets, watches and upgraded WebSockets would otherwise hold it open).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';

export const LOOPBACK = '127.0.0.1';

interface TlsServer {
  readonly server: Server;
  /** Listens (port 0: a free one) and resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** The port it listens on (0 before listen()). */
  port(): number;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

export function createTlsServer(
  tls: { certPem: string; keyPem: string },
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): TlsServer {
  const sockets = new Set<Socket>();
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, onRequest);
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', (_err, s) => s.destroy());
  server.on('clientError', (_err, s) => s.destroy());
  const port = () => (server.address() as { port: number } | null)?.port ?? 0;
  return {
    server,
    port,
    listen(p, host = LOOPBACK) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, host, () => {
          server.off('error', reject);
          resolve(port());
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
