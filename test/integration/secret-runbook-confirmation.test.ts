// How the secret-rotation runbooks are confirmed, planned against the simulated Box: one whose value is typed is
// confirmed by typing that value (hidden); one that generates its own secret has nothing to type but the
// target's name (a "Secret (hidden)" prompt there would ask for nothing the run uses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRunbooks, planRunbook } from '../../src/runbooks/engine.js';
import { openSession, type Session } from '../../src/session/index.js';
import { startSim, type SimHandle } from '../../src/sim/index.js';

let sim: SimHandle;
let session: Session;
const dir = mkdtempSync(join(tmpdir(), 'sc-secret-confirm-'));

beforeAll(async () => {
  sim = await startSim({ scenario: 'healthy', speed: 20 });
  session = await openSession({ env: { ...sim.env, HOME: process.env.HOME, XDG_STATE_HOME: join(dir, 'state') }, flags: { kubeconfig: sim.kubeconfigPath } });
});
afterAll(async () => {
  await session?.stop();
  await sim?.stop();
});

const rb = (id: string) => builtinRunbooks().find((r) => r.id === id)!;

describe('secret-rotation runbooks', () => {
  it('a generated Django key: typed-name confirmation (django-secret), not a hidden secret', async () => {
    const action = await planRunbook(rb('django-secret-rotate'), {}, session.clients);
    expect(action.tier).toBe('secret');
    expect(action.confirmation).toEqual({ kind: 'typed', expect: 'django-secret' });
  });

  it('a typed value: the hidden value itself is the confirmation', async () => {
    const action = await planRunbook(rb('secret-rotate'), { params: { app: 'messages', key: 'django-secret' } }, session.clients);
    expect(action.confirmation).toEqual({ kind: 'secret', prompt: 'the new value' });
  });
});
