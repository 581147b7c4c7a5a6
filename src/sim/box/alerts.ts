// What the Box's Prometheus fires, derived from the Box's state (alert-rules.ts) and kept as Prometheus keeps
// it: an alert starts when its condition began and keeps that start and its fingerprint while it fires; it
// is pending until its rule's `for:` has passed; a firing alert whose condition ends is resolved (endsAt =
// then) and forgotten a while later; a firing one is sent with endsAt = now + 4 m, refreshed on every
// evaluation. Evaluated when read, so what a server answers is always the Box's state of now.
// Also what the simulated AlertManager reads besides: its config (the ConfigMap monitoring/alertmanager-config)
// and the receiver's answer to its webhook.
import type { ObjectStore } from '../k8s/object-store.js';
import { type Candidate, type Labels, type ReceiverAnswer, evaluateRules, livePods, receiverAnswer } from './alert-rules.js';
import type { Ctx } from './context.js';

export type { Labels, ReceiverAnswer } from './alert-rules.js';

/** One alert as Prometheus sends it to AlertManager (times in ms epoch). */
export interface SimAlert {
  labels: Labels;
  annotations: Labels;
  generatorURL: string;
  fingerprint: string;
  startsAt: number;
  /** When Prometheus last sent it. */
  updatedAt: number;
  /** now + 4 m while it fires; when it resolved once resolved. */
  endsAt: number;
}

export interface BoxAlerts {
  /** The alerts that fire now, and those resolved recently (endsAt in the past), sorted by fingerprint. */
  current(): SimAlert[];
  /** alertmanager.yml as the ConfigMap monitoring/alertmanager-config holds it ('' when it is gone). */
  alertmanagerConfig(): string;
  /** What the webhook receiver answers AlertManager now. */
  receiver(): ReceiverAnswer;
}

const PROMETHEUS = 'http://prometheus.monitoring.svc:9090';
/** How long before the Box started a condition found at its start is taken to have begun (the drill's incident began a while ago). */
const SEEDED_AGE_MS = 20 * 60_000;
const RESEND_ENDS_MS = 4 * 60_000;
/** How long a resolved alert is kept (simulated), for AlertManager to send its resolution. */
const RESOLVED_KEEP_MS = 15 * 60_000;
/** Within this much simulated time and without any change in the Box, an evaluation gives the same alerts. */
const EVAL_GRAIN_MS = 5_000;

// prometheus/common model: FNV-1a 64 over each sorted label name and value, each followed by 0xff
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** AlertManager's fingerprint of a label set: 16 hex digits, the same for the same labels in any order. */
export function fingerprint(labels: Readonly<Labels>): string {
  let h = FNV_OFFSET;
  const add = (b: number) => {
    h ^= BigInt(b);
    h = (h * FNV_PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of Buffer.from(name, 'utf8')) add(b);
    add(0xff);
    for (const b of Buffer.from(labels[name]!, 'utf8')) add(b);
    add(0xff);
  }
  return h.toString(16).padStart(16, '0');
}

/** Prometheus' link to the rule's expression in its graph page. */
export function generatorUrl(expr: string): string {
  return `${PROMETHEUS}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`;
}

interface Tracked {
  c: Candidate;
  activeAt: number;
  lastSeen: number;
  firing: boolean;
  resolvedAt?: number;
}

export class AlertEngine implements BoxAlerts {
  private readonly tracked = new Map<string, Tracked>();
  private readonly startedAt: number;
  private first = true;
  private worldVersion = 0;
  private lastKey = '';

  constructor(private readonly ctx: Ctx) {
    this.startedAt = ctx.now().getTime();
    ctx.world.subscribe(() => void this.worldVersion++);
  }

  private scale(simMs: number): number {
    return this.ctx.sched.scale(simMs);
  }

  /** One evaluation of every rule at the clock's now. */
  evaluate(): void {
    const now = this.ctx.now().getTime();
    // nothing changed in the Box and little time passed: the same alerts, sent again
    const key = `${this.ctx.store.resourceVersion}:${this.worldVersion}:${Math.floor(now / Math.max(1, this.scale(EVAL_GRAIN_MS)))}`;
    if (key === this.lastKey) {
      for (const t of this.tracked.values()) if (t.resolvedAt === undefined) t.lastSeen = now;
      return;
    }
    this.lastKey = key;
    const seen = new Set<string>();
    for (const c of evaluateRules({ store: this.ctx.store, pods: livePods(this.ctx.store), world: this.ctx.world, now, scale: (ms) => this.scale(ms) })) {
      const fp = fingerprint(c.labels);
      if (seen.has(fp)) continue;
      seen.add(fp);
      const t = this.tracked.get(fp);
      if (t && t.resolvedAt === undefined) {
        t.c = c;
        t.lastSeen = now;
      } else {
        const began = c.since ?? (this.first ? this.startedAt - SEEDED_AGE_MS : now);
        this.tracked.set(fp, { c, activeAt: Math.min(began, now), lastSeen: now, firing: false });
      }
      const cur = this.tracked.get(fp)!;
      // a condition the Box started with has held for its `for:` already (it began before the drill)
      if (!cur.firing) cur.firing = this.first || now - cur.activeAt >= this.scale(c.forMs);
    }
    for (const [fp, t] of this.tracked) {
      if (seen.has(fp)) continue;
      if (t.resolvedAt === undefined) {
        if (!t.firing) this.tracked.delete(fp);
        else t.resolvedAt = now;
      } else if (now - t.resolvedAt > this.scale(RESOLVED_KEEP_MS)) this.tracked.delete(fp);
    }
    this.first = false;
  }

  current(): SimAlert[] {
    this.evaluate();
    const out: SimAlert[] = [];
    for (const [fp, t] of this.tracked) {
      if (!t.firing) continue;
      out.push({
        labels: { ...t.c.labels },
        annotations: { ...t.c.annotations },
        generatorURL: generatorUrl(t.c.expr),
        fingerprint: fp,
        startsAt: t.activeAt,
        updatedAt: t.lastSeen,
        endsAt: t.resolvedAt ?? t.lastSeen + RESEND_ENDS_MS,
      });
    }
    return out.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  }

  alertmanagerConfig(): string {
    return alertmanagerConfigOf(this.ctx.store);
  }

  receiver(): ReceiverAnswer {
    return receiverAnswer(livePods(this.ctx.store), this.ctx.world);
  }
}

function alertmanagerConfigOf(store: ObjectStore): string {
  const cm = store.get('configmaps', 'monitoring', 'alertmanager-config');
  return String(cm?.data?.['alertmanager.yml'] ?? '');
}
