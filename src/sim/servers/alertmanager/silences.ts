// AlertManager's silences: created, updated (an `id` in the body), expired, listed; validated as
// AlertManager v0.27 does (api/v2/api.go postSilencesHandler, silence/silence.go validateSilence), with its
// refusals word for word. An expired silence stays listed as expired.
import { randomUUID } from 'node:crypto';
import { matchesAll } from '../../../alerts/matchers.js';
import type { SilenceMatcher } from '../../../store/alerts-slice.js';

export type SilenceState = 'active' | 'pending' | 'expired';

export interface Silence {
  id: string;
  matchers: SilenceMatcher[];
  startsAt: number;
  endsAt: number;
  updatedAt: number;
  createdBy: string;
  comment: string;
}

/** A refusal: the HTTP status and its body (a JSON string, or go-swagger's {code, message}). */
export class ApiRefusal extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function silenceState(s: Silence, now: number): SilenceState {
  if (s.endsAt <= now) return 'expired';
  return s.startsAt > now ? 'pending' : 'active';
}

const RANK: Record<SilenceState, number> = { active: 0, pending: 1, expired: 2 };

/** Go's time format with its RFC 3339 parse: a string, or a refusal as go-swagger words it. */
function time(body: Record<string, unknown>, field: string): number {
  const v = body[field];
  if (v === undefined || v === null) throw new ApiRefusal(422, { code: 602, message: `${field} in body is required` });
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new ApiRefusal(422, { code: 601, message: `${field} in body must be of type date-time: "${String(v)}"` });
  return ms;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw new ApiRefusal(422, { code: 602, message: `${field} in body is required` });
  if (typeof v !== 'string') throw new ApiRefusal(422, { code: 601, message: `${field} in body must be of type string: "${typeof v}"` });
  return v;
}

function matchersOf(body: Record<string, unknown>): SilenceMatcher[] {
  const raw = body.matchers;
  if (raw === undefined || raw === null) throw new ApiRefusal(422, { code: 602, message: 'matchers in body is required' });
  if (!Array.isArray(raw)) throw new ApiRefusal(422, { code: 601, message: 'matchers in body must be of type array' });
  if (raw.length < 1) throw new ApiRefusal(422, { code: 612, message: 'matchers in body should have at least 1 items' });
  return raw.map((m: any, i: number) => {
    for (const f of ['name', 'value', 'isRegex']) if (m?.[f] === undefined) throw new ApiRefusal(422, { code: 602, message: `matchers.${i}.${f} in body is required` });
    return { name: String(m.name), value: String(m.value), isRegex: !!m.isRegex, isEqual: m.isEqual === undefined ? true : !!m.isEqual };
  });
}

function validate(matchers: SilenceMatcher[]): void {
  matchers.forEach((m, i) => {
    if (!LABEL_NAME.test(m.name)) throw new ApiRefusal(400, `silence invalid: invalid label matcher ${i}: invalid label name "${m.name}"`);
    if (m.isRegex) {
      try {
        new RegExp(`^(?:${m.value})$`);
      } catch (err) {
        throw new ApiRefusal(400, `silence invalid: invalid label matcher ${i}: invalid regular expression ${JSON.stringify(m.value)}: error parsing regexp: ${(err as Error).message}`);
      }
    }
  });
  if (matchesAll(matchers, {})) throw new ApiRefusal(400, 'silence invalid: at least one matcher must not match the empty string');
}

const sameMatchers = (a: SilenceMatcher[], b: SilenceMatcher[]) => JSON.stringify(a) === JSON.stringify(b);

export class Silences {
  private readonly byId = new Map<string, Silence>();

  /** POST /api/v2/silences: the silence's id (a new one unless `id` named one that could be updated in place). */
  post(body: unknown, now: number): string {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiRefusal(400, { code: 400, message: 'parsing silence body from "" failed, because json: cannot unmarshal array into Go value of type models.PostableSilence' });
    const b = body as Record<string, unknown>;
    const matchers = matchersOf(b);
    const startsAt = time(b, 'startsAt');
    const endsAt = time(b, 'endsAt');
    const createdBy = requiredString(b, 'createdBy');
    const comment = requiredString(b, 'comment');
    if (startsAt >= endsAt) throw new ApiRefusal(400, 'Failed to create silence: start time must be before end time');
    if (endsAt < now) throw new ApiRefusal(400, "Failed to create silence: end time can't be in the past");
    validate(matchers);
    const next: Silence = { id: '', matchers, startsAt: Math.max(startsAt, now), endsAt, updatedAt: now, createdBy, comment };
    const id = typeof b.id === 'string' && b.id ? b.id : undefined;
    if (id) {
      const prev = this.byId.get(id);
      if (!prev) throw new ApiRefusal(404, 'silence not found');
      const state = silenceState(prev, now);
      // AlertManager updates in place what it can (same matchers, not expired, an active one keeping its start)
      if (state !== 'expired' && sameMatchers(prev.matchers, matchers) && (state === 'pending' || startsAt <= now || startsAt === prev.startsAt)) {
        this.byId.set(id, { ...next, id, startsAt: state === 'active' ? prev.startsAt : next.startsAt });
        return id;
      }
      if (state !== 'expired') this.expire(id, now);
    }
    const fresh = { ...next, id: randomUUID() };
    this.byId.set(fresh.id, fresh);
    return fresh.id;
  }

  /** GET /api/v2/silence/{id}; a malformed id is go-swagger's 422. */
  get(id: string): Silence | undefined {
    if (!UUID.test(id)) throw new ApiRefusal(422, { code: 601, message: `silenceID in path must be of type uuid: ${JSON.stringify(id)}` });
    return this.byId.get(id);
  }

  /** DELETE /api/v2/silence/{id}: false when unknown. Expiring an expired silence changes nothing. */
  expire(id: string, now: number): boolean {
    const s = this.get(id);
    if (!s) return false;
    if (silenceState(s, now) === 'expired') return true;
    this.byId.set(id, { ...s, startsAt: Math.min(s.startsAt, now), endsAt: now, updatedAt: now });
    return true;
  }

  /** Every silence whose matchers fit the filter, sorted as AlertManager does (active by end, pending by start, expired latest first). */
  list(filter: SilenceMatcher[], now: number): Silence[] {
    const out = [...this.byId.values()].filter((s) => matchesAll(filter, Object.fromEntries(s.matchers.map((m) => [m.name, m.value]))));
    return out.sort((a, b) => {
      const sa = silenceState(a, now);
      const sb = silenceState(b, now);
      if (sa !== sb) return RANK[sa] - RANK[sb];
      if (sa === 'active') return a.endsAt - b.endsAt;
      if (sa === 'pending') return a.startsAt - b.startsAt;
      return b.endsAt - a.endsAt;
    });
  }

  /** The ids of the active silences that silence this label set. */
  silencing(labels: Record<string, string>, now: number): string[] {
    return [...this.byId.values()].filter((s) => silenceState(s, now) === 'active' && matchesAll(s.matchers, labels)).map((s) => s.id);
  }

  counts(now: number): Record<SilenceState, number> {
    const out: Record<SilenceState, number> = { active: 0, pending: 0, expired: 0 };
    for (const s of this.byId.values()) out[silenceState(s, now)]++;
    return out;
  }
}
