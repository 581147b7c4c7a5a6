import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildRecoveryManifest, manifestYaml, pitrPreflight } from '../../src/actions/primitives/pitr.js';

const NOW = Date.parse('2026-11-23T20:00:00Z');
const STATUS = { firstRecoverabilityPoint: '2026-10-25T02:00:11Z', lastSuccessfulBackup: '2026-11-23T02:01:40Z' };

describe('PITR preflight', () => {
  it('a target before the first recoverability point is blocking', () => {
    const lines = pitrPreflight(STATUS, '2026-10-01T00:00:00Z', NOW);
    const target = lines.find((l) => l.label === 'Target time')!;
    expect(target.level).toBe('blocking');
    expect(target.value).toBe('2026-10-01T00:00:00.000Z is before the first recoverability point 2026-10-25T02:00:11Z: no backup reaches that far back');
  });

  it('a target in the future, an unparsable one, or no recoverability point is blocking', () => {
    expect(pitrPreflight(STATUS, '2026-11-24T00:00:00Z', NOW).find((l) => l.label === 'Target time')!.level).toBe('blocking');
    expect(pitrPreflight(STATUS, 'yesterday', NOW).find((l) => l.label === 'Target time')!.value).toMatch(/is not a time/);
    expect(pitrPreflight({}, '2026-11-23T18:00:00Z', NOW).filter((l) => l.level === 'blocking').length).toBeGreaterThan(0);
  });

  it('a target inside the window passes (PostgreSQL time format too)', () => {
    expect(pitrPreflight(STATUS, '2026-11-23T18:00:00Z', NOW).filter((l) => l.level === 'blocking')).toEqual([]);
    expect(pitrPreflight(STATUS, '2026-11-23 18:00:00+00', NOW).filter((l) => l.level === 'blocking')).toEqual([]);
  });

  it('builds a NEW cluster recovering from the original object store', () => {
    const source = {
      metadata: { name: 'postgres', namespace: 'data' },
      spec: { instances: 2, storage: { size: '20Gi' }, backup: { barmanObjectStore: { destinationPath: 's3://sunbeam-backups/postgres', s3Credentials: { accessKeyId: { name: 'scw', key: 'ACCESS_KEY_ID' } } } } },
    };
    const m = parse(manifestYaml(buildRecoveryManifest(source, '2026-11-23T18:00:00Z', NOW)));
    expect(m.metadata).toEqual({ name: 'postgres-pitr-20261123200000', namespace: 'data' });
    expect(m.spec.bootstrap.recovery).toEqual({ source: 'postgres', recoveryTarget: { targetTime: '2026-11-23T18:00:00Z' } });
    expect(m.spec.externalClusters[0]).toMatchObject({ name: 'postgres', barmanObjectStore: { destinationPath: 's3://sunbeam-backups/postgres', serverName: 'postgres' } });
  });
});
