// query_range past the server's limit, as logcli's --batch does (grafana/loki#2482): ask for at most `batch`
// entries; when a page comes back full, ask again from the page's last timestamp (inclusive: more entries may
// share it) and drop the entries of that timestamp already had. Backward walks from the end towards the start
// (the newest first: what a view wants when only its newest lines fit), forward the other way.
import { addNs, compareNs, entryKey, type Direction, type LokiEntry } from './records.js';

export interface PageRequest {
  /** ns, inclusive. */
  start: string;
  /** ns, exclusive. */
  end: string;
  limit: number;
  direction: Direction;
}

export interface PagedQuery {
  start: string;
  end: string;
  /** Entries wanted in all (0: every entry in the range). */
  limit: number;
  /** Entries per request (logcli's default 1000). */
  batch: number;
  direction: Direction;
  /** Stops early (the source stopped or re-opened). */
  signal?: AbortSignal;
}

export const DEFAULT_BATCH = 1000;

/** Every entry of the range (up to `limit`), in the direction's order, without duplicates at page boundaries. */
export async function fetchPaged(run: (page: PageRequest) => Promise<LokiEntry[]>, q: PagedQuery): Promise<LokiEntry[]> {
  const out: LokiEntry[] = [];
  let { start, end } = q;
  let boundary: string | undefined;
  let seenAtBoundary = new Set<string>();
  const batch = Math.max(1, q.batch);
  while (compareNs(start, end) < 0 && !q.signal?.aborted) {
    const want = q.limit > 0 ? Math.min(batch, q.limit - out.length) : batch;
    if (want <= 0) break;
    const page = await run({ start, end, limit: want, direction: q.direction });
    let added = 0;
    for (const e of page) {
      const key = entryKey(e);
      if (e.ns === boundary && seenAtBoundary.has(key)) continue;
      out.push(e);
      added++;
      if (q.limit > 0 && out.length >= q.limit) return out;
    }
    if (page.length < want) break;
    const last = page[page.length - 1]!.ns;
    if (last !== boundary) {
      boundary = last;
      seenAtBoundary = new Set();
    }
    for (const e of page) if (e.ns === last) seenAtBoundary.add(entryKey(e));
    if (added === 0) {
      // More entries share this nanosecond than a page holds: read that nanosecond alone, with room for all of
      // them, then step past it.
      for (let room = seenAtBoundary.size + batch; !q.signal?.aborted; room += batch) {
        const crowd = await run({ start: last, end: addNs(last, 1), limit: room, direction: q.direction });
        for (const e of crowd) {
          const key = entryKey(e);
          if (seenAtBoundary.has(key)) continue;
          seenAtBoundary.add(key);
          out.push(e);
          if (q.limit > 0 && out.length >= q.limit) return out;
        }
        if (crowd.length < room) break;
      }
      if (q.direction === 'backward') end = last;
      else start = addNs(last, 1);
      continue;
    }
    if (q.direction === 'backward') end = addNs(last, 1);
    else start = last;
  }
  return out;
}
