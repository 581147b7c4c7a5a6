// client-node's Watch with a stop() that always ends it (why: see the class comment).
import { Watch, type KubeConfig } from '@kubernetes/client-node';

/**
 * client-node's Watch, but one that stop() can always end: ListWatch only aborts a watch whose response has
 * arrived, so a watch starting while we stop would otherwise live until its 30 s timeout (and hold the
 * process, or a closing server, that long).
 */
export class StoppableWatch extends Watch {
  private readonly live = new Set<AbortController>();
  private stopped = false;

  constructor(kc: KubeConfig) {
    super(kc);
  }

  override async watch(...args: Parameters<Watch['watch']>): Promise<AbortController> {
    if (this.stopped) return new AbortController();
    const c = await super.watch(...args);
    if (this.stopped) c.abort();
    else {
      this.live.add(c);
      c.signal.addEventListener('abort', () => this.live.delete(c), { once: true });
    }
    return c;
  }

  stopAll(): void {
    this.stopped = true;
    for (const c of this.live) c.abort();
    this.live.clear();
  }
}
