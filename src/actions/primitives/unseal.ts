// Unseal: one key share to every sealed replica of OpenBao, the leader first (through the pod proxy, since a
// sealed pod is out of the Service), with the progress each answers; and the reset of an unseal in progress.
// Run it once per share (3 of 5). The share arrives as a Buffer (ctx.secrets, from a hidden prompt or stdin)
// or, from a runbook's hidden param, as a string that is turned into a Buffer at once and dropped from the
// params; that Buffer is filled with zeros in this step's finally, whatever happens, and the writer wipes the
// request body it made from it. The journal gets that an unseal ran, on which replicas, and each one's
// outcome: never the share (the equivalents name none).
import { errorSentence } from '../error-sentence.js';
import { confirmationFor } from '../tiers.js';
import type { Action, ActionStep, PlannedCall, StepContext, StepRun } from '../types.js';
import { OPENBAO } from '../../sources/openbao/client.js';
import type { SealStatus } from '../../sources/openbao/records.js';
import { baoOf, readReplicas, unsealOrder, type ReplicaState } from './bao-replicas.js';

export const UNSEAL_PARAM = 'unsealKey';
const TARGET = { kind: 'StatefulSet', namespace: OPENBAO.namespace, name: OPENBAO.statefulSet };
const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
/** base64 (standard or URL-safe, with padding) or hex: the only bytes a share is made of. */
const SHARE_BYTE = /[A-Za-z0-9+/=_-]/;

/** The bytes of a share without the whitespace around it (a view: wiping the original wipes it). */
export function trimShare(buf: Buffer): Buffer {
  let a = 0;
  let b = buf.length;
  while (a < b && SPACE.has(buf[a]!)) a++;
  while (b > a && SPACE.has(buf[b - 1]!)) b--;
  return buf.subarray(a, b);
}

/** Whether the bytes can be a share at all (checked before anything is sent). */
export function looksLikeShare(share: Buffer): boolean {
  if (share.length < 16) return false;
  for (const byte of share) if (!SHARE_BYTE.test(String.fromCharCode(byte))) return false;
  return true;
}

/** The share, as a Buffer this step owns: from ctx.secrets, else from the hidden param (then dropped). */
function takeShare(ctx: StepContext): Buffer | undefined {
  const given = ctx.secrets?.take(UNSEAL_PARAM);
  if (given) return given;
  const text = ctx.params[UNSEAL_PARAM];
  delete ctx.params[UNSEAL_PARAM];
  return text ? Buffer.from(text, 'utf8') : undefined;
}

function callFor(name: string): PlannedCall {
  if (name === 'service') return { equivalent: { tool: 'bao', command: 'bao operator unseal' }, method: 'PUT', path: '/v1/sys/unseal' };
  return {
    equivalent: { tool: 'bao', command: `kubectl exec -n ${OPENBAO.namespace} -it ${name} -- bao operator unseal` },
    method: 'PUT',
    path: `/api/v1/namespaces/${OPENBAO.namespace}/pods/https:${name}:${OPENBAO.port}/proxy/v1/sys/unseal`,
  };
}

function progressWords(s: SealStatus): string {
  if (s.sealed === false) return 'unsealed';
  const left = (s.t ?? 0) - (s.progress ?? 0);
  return `${s.progress ?? 0}/${s.t ?? '?'} shares${left > 0 ? ` (${left} more to go)` : ''}`;
}

async function submit(ctx: StepContext): Promise<StepRun> {
  const share = takeShare(ctx);
  try {
    if (!share) return { ok: false, message: 'No key share was given; nothing was sent.' };
    const key = trimShare(share);
    if (!looksLikeShare(key)) return { ok: false, message: 'That is not a key share (base64 or hex, one whole line): nothing was sent; check the copy and enter it again.' };
    const writer = ctx.writers.bao;
    baoOf(ctx.clients);
    if (!writer) return { ok: false, message: 'OpenBao is not configured: set BAO_ADDR, or try --demo.' };
    const replicas = unsealOrder(await readReplicas(ctx.clients));
    const sealed = replicas.filter((r) => r.status?.sealed === true);
    const silent = replicas.filter((r) => r.error);
    if (sealed.length === 0) {
      if (silent.length === replicas.length) return { ok: false, message: `${silent[0]!.error} Nothing was sent.` };
      return { ok: true, message: `OpenBao is already unsealed (${replicas.filter((r) => r.status).map((r) => r.name).join(', ')}); the share was not sent.`, facts: { replicas: [] } };
    }
    const lines: string[] = [];
    const outcomes: { replica: string; outcome: string }[] = [];
    let took = 0;
    for (const r of sealed) {
      let line: string;
      try {
        const st = await writer.unseal(r.ep, key, r.status?.t);
        const before = r.status?.progress ?? 0;
        if (st.sealed && (st.progress ?? 0) === before && before > 0) line = `${r.name}: that share was already entered (still ${progressWords(st)}); enter a different one`;
        else {
          took++;
          line = `${r.name}: ${progressWords(st)}`;
        }
      } catch (err) {
        line = `${r.name}: ${errorSentence(err)}`;
      }
      lines.push(line);
      outcomes.push({ replica: r.name, outcome: line.slice(r.name.length + 2) });
      ctx.onProgress({ kind: 'phase', text: line });
    }
    for (const r of silent) lines.push(`${r.name}: not reached (${r.error})`);
    return { ok: took > 0, message: lines.join('; '), lines, facts: { replicas: outcomes } };
  } finally {
    share?.fill(0);
  }
}

async function reset(ctx: StepContext): Promise<StepRun> {
  const writer = ctx.writers.bao;
  baoOf(ctx.clients);
  if (!writer) return { ok: false, message: 'OpenBao is not configured: set BAO_ADDR, or try --demo.' };
  const replicas = unsealOrder(await readReplicas(ctx.clients)).filter((r) => r.status?.sealed === true);
  if (!replicas.length) return { ok: true, message: 'No replica is sealed; there is no unseal to reset.' };
  const lines: string[] = [];
  for (const r of replicas) {
    try {
      const st = await writer.resetUnseal(r.ep);
      lines.push(`${r.name}: reset (${progressWords(st)})`);
    } catch (err) {
      lines.push(`${r.name}: ${errorSentence(err)}`);
    }
  }
  return { ok: lines.some((l) => l.includes(': reset')), message: lines.join('; '), lines };
}

/** The replicas an unseal goes to, leader first, as planned (the run reads them again). */
export async function plannedReplicas(clients: StepContext['clients']): Promise<ReplicaState[]> {
  baoOf(clients);
  const all = unsealOrder(await readReplicas(clients));
  const sealed = all.filter((r) => r.status?.sealed === true);
  return sealed.length ? sealed : all;
}

export function unsealStep(replicas: readonly string[]): ActionStep {
  return {
    title: `Enter one unseal key share on ${replicas.join(', ')}`,
    tier: 'secret',
    dryRunnable: false,
    calls: replicas.map(callFor),
    run: submit,
  };
}

export function unsealResetStep(replicas: readonly string[]): ActionStep {
  return {
    title: `Reset the unseal in progress on ${replicas.join(', ')}`,
    tier: 'change',
    dryRunnable: false,
    calls: replicas.map((n) => {
      const c = callFor(n);
      return { ...c, equivalent: { tool: 'bao', command: `${c.equivalent.command} -reset` } };
    }),
    run: reset,
  };
}

/** `sunbeam vault unseal`: one share, every sealed replica, the leader first. */
export function unsealAction(replicas: readonly string[]): Action {
  return {
    id: 'vault-unseal',
    verb: 'unseal',
    title: 'Unseal OpenBao (one key share)',
    target: TARGET,
    tier: 'secret',
    confirmation: confirmationFor('secret', TARGET.name, 'Unseal key share'),
    params: [{ name: UNSEAL_PARAM, prompt: 'an unseal key share', secret: true }],
    steps: [unsealStep(replicas)],
  };
}

export function unsealResetAction(replicas: readonly string[]): Action {
  return {
    id: 'vault-unseal-reset',
    verb: 'reset the unseal',
    title: 'Reset the unseal in progress (discard the shares entered)',
    target: TARGET,
    tier: 'change',
    confirmation: confirmationFor('change', TARGET.name),
    params: [],
    steps: [unsealResetStep(replicas)],
  };
}
