// Sol's brain: the Mistral source's last check (sol.last) failing is a finding on Deployment matrix/sol ("Sol's
// brain does not answer: Mistral API 401 (the API key is refused)" / "429 (rate limited), retry in 90s" / "stream
// stalled..."). Its component is the Box graph's matrix/mistral, which Sol needs: when Sol's pods also
// crash-loop, the ladder marks their finding as following from this one. A 429 alone (Sol still runs) is a
// warning. Nothing while the check is not connected or has not answered; nothing when it is ok.
import type { SolCheck } from '../../store/sol-slice.js';
import type { Finding } from '../types.js';
import type { LadderState } from '../types.js';

export const SOL = { namespace: 'matrix', deployment: 'sol' } as const;
export const SOL_BRAIN_FINDING = `sol-brain:${SOL.namespace}/${SOL.deployment}`;
/** The Box graph's component for Sol's brain (box-graph.ts: matrix/mistral). */
export const SOL_BRAIN_COMPONENT = 'mistral';

const NEXT: Partial<Record<NonNullable<SolCheck['failure']>, string>> = {
  unauthorized: "Sol's key is refused too if it is the same: rotate the Mistral API key (Sol's secret and MISTRAL_API_KEY).",
  forbidden: 'The key may not use this model: check the workspace and the model in the Mistral console.',
  'rate-limited': 'The workspace is over its rate limit: wait for the Retry-After, or raise the limit in the Mistral console.',
  stalled: 'The API accepts the request but sends nothing: check https://status.mistral.ai and the egress from the Box.',
  timeout: 'Check the egress from the Box to the Mistral API (DNS, firewall, proxy).',
  unreachable: 'Check the egress from the Box to the Mistral API (DNS, firewall, proxy) and MISTRAL_BASE_URL.',
  'server-error': 'The Mistral API fails on its side: check https://status.mistral.ai.',
  'bad-stream': 'Something between the console and the API (a proxy?) breaks the event stream.',
};

/** Sol's pods crash-loop now (the kube slice). */
function solCrashLooping(state: LadderState): boolean {
  return Object.values(state.kube.pods).some(
    (p) => p.namespace === SOL.namespace && (p.ownerName === SOL.deployment || p.labels.app === SOL.deployment) && (p.status === 'CrashLoopBackOff' || p.containers.some((c) => c.reason === 'CrashLoopBackOff')),
  );
}

export function solRules(state: LadderState): Finding[] {
  const health = state.sources.mistral;
  const last = state.sol?.last;
  if (!health || health.state === 'not-connected' || health.state === 'connecting' || !last || last.ok) return [];
  const crashing = solCrashLooping(state);
  const error = last.error ?? 'the check failed';
  const next = NEXT[last.failure ?? 'unreachable'] ?? '';
  const when = new Date(last.at).toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    {
      id: SOL_BRAIN_FINDING,
      severity: last.failure === 'rate-limited' && !crashing ? 'warn' : 'failing',
      namespace: SOL.namespace,
      component: SOL_BRAIN_COMPONENT,
      rule: 'sol-brain',
      title: `Sol's brain does not answer: ${error}`,
      detail: `The console's one-token ping to ${last.model ?? 'the model'} at ${state.sol?.base ?? 'the Mistral API'} (nothing from the incident is sent) failed at ${when}. ${next}${crashing ? ' Sol crash-loops meanwhile: restart matrix/sol once the API answers (runbook sol-restart).' : ''}`.trim(),
      target: { kind: 'Deployment', namespace: SOL.namespace, name: SOL.deployment },
    },
  ];
}
