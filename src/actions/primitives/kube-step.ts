// A Kubernetes primitive's step as the executor runs it: its preflight, run and verify read through kubeReads
// and whatever else they throw goes through kubeError, so that every failure of a Kubernetes step is already
// one sentence (../kube-errors.ts) and the executor assumes no backend.
import { kubeError, kubeReads } from '../kube-errors.js';
import type { ActionStep, PreflightContext, StepContext } from '../types.js';

function readingCtx<C extends StepContext | PreflightContext>(ctx: C): C {
  return { ...ctx, clients: { ...ctx.clients, kube: kubeReads(ctx.clients.kube) } };
}

const rethrow = (err: unknown): never => {
  throw kubeError(err);
};

/** A Kubernetes primitive's step whose preflight, run and verify read through kubeReads. */
export function kubeStep(step: ActionStep): ActionStep {
  const { preflight, run, verify } = step;
  return {
    ...step,
    ...(preflight ? { preflight: (ctx: PreflightContext) => preflight(readingCtx(ctx)).catch(rethrow) } : {}),
    run: (ctx) => run(readingCtx(ctx)).catch(rethrow),
    ...(verify ? { verify: (ctx: StepContext, ran) => verify(readingCtx(ctx), ran).catch(rethrow) } : {}),
  };
}
