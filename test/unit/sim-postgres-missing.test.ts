// A machine without PostgreSQL: the simulated database does not start, hands out no env, and says so in one
// sentence (which `sim` prints and the demo shows), never a crash.
import { describe, expect, it } from 'vitest';
import type { SimServerContext } from '../../src/sim/servers/types.js';
import { NO_POSTGRES, createPostgresSim } from '../../src/sim/servers/postgres/index.js';

describe('the simulated database without PostgreSQL installed', () => {
  it('starts with no env and one sentence saying what to install', async () => {
    const running = await createPostgresSim({ binDir: () => undefined }).start({} as SimServerContext);
    expect(running.env).toEqual({});
    expect(running.problem()).toBe(NO_POSTGRES);
    expect(NO_POSTGRES).toMatch(/^the simulated Box has no database server: install postgresql\b.*\.$/);
    await running.settled();
    await running.stop();
  });
});
