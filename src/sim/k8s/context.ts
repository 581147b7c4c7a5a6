// What every request handler of the simulated API server gets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore } from './object-store.js';
import type { ExecProvider, LogProvider } from './providers.js';

export interface StreamSet {
  /** Registers a long-lived response's closer; returns the function that unregisters it. */
  add(kind: 'watch' | 'log' | 'exec', close: () => void): () => void;
}

export interface ServerDeps {
  store: ObjectStore;
  logs: LogProvider;
  exec: ExecProvider;
  streams: StreamSet;
  /** How long the server lets a watch run before closing it, in ms (random within the configured range). */
  watchLifetimeMs(): number;
  /** How often a watch that allows bookmarks gets one, in ms. */
  bookmarkIntervalMs: number;
}

export interface Ctx extends ServerDeps {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
}
