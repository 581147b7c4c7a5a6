// Read: Sol's brain check now ("Sol unresponsive: restart, check Mistral API connectivity"): one streamed
// one-token completion through the session's Mistral client (src/sources/mistral/check.ts: a fixed ping, nothing
// from the incident), shown with the last checks of the source; without the client, the last check the store
// holds, or that the check is not connected. The key is never shown: the equivalent curl names the variable.
import { checkBrain, PING_MESSAGES } from '../../sources/mistral/check.js';
import type { SolCheck } from '../../store/sol-slice.js';
import { DEFAULT_MISTRAL_BASE, DEFAULT_MISTRAL_MODEL } from '../../session/mistral-env.js';
import type { ActionStep } from '../types.js';
import { equivalentOf } from './refs.js';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** One line for a check: "2026-12-02T02:09:00Z ok: first token in 312 ms, [DONE] in 340 ms (mistral-small-latest)". */
export function brainCheckLine(c: SolCheck): string {
  if (c.ok) return `${stamp(c.at)} ok: first token in ${c.ttftMs} ms, [DONE] in ${c.totalMs} ms (${c.model ?? 'model'})`;
  return `${stamp(c.at)} FAILING: ${c.error ?? c.failure ?? 'the check failed'}`;
}

export function brainCheckStep(): ActionStep {
  return {
    title: "Sol's brain: stream a one-token completion from the Mistral API",
    tier: 'read',
    dryRunnable: true,
    calls: [
      {
        equivalent: equivalentOf(
          `curl -N ${DEFAULT_MISTRAL_BASE}/v1/chat/completions -H "Authorization: Bearer $MISTRAL_API_KEY" -H 'Content-Type: application/json' -d '${JSON.stringify({ model: DEFAULT_MISTRAL_MODEL, messages: PING_MESSAGES, max_tokens: 1, stream: true })}'`,
        ),
        method: 'POST',
        path: '/v1/chat/completions',
      },
    ],
    async run(ctx) {
      const sol = ctx.state?.().sol;
      const earlier = (sol?.history ?? []).slice(-5).reverse().map((c) => `earlier: ${brainCheckLine(c)}`);
      const client = ctx.clients.mistral;
      if (!client) {
        if (sol?.last) return { ok: sol.last.ok, message: `Sol's brain, last checked: ${brainCheckLine(sol.last)} (no Mistral client in this run: set MISTRAL_API_KEY to check now).`, lines: earlier };
        return { ok: false, message: "Sol's brain check is not connected: set MISTRAL_API_KEY (and MISTRAL_BASE_URL for another endpoint)." };
      }
      const c = await checkBrain(client, ctx.signal ? { signal: ctx.signal, now: ctx.now } : { now: ctx.now });
      if (!c) return { ok: false, message: "Sol's brain check was cancelled." };
      return { ok: c.ok, message: `Sol's brain at ${client.base}: ${brainCheckLine(c)}.`, lines: earlier };
    },
  };
}
