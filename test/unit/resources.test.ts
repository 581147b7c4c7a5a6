import { describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, apiGroups, findResourceType, typeKey } from '../../src/sim/k8s/resources.js';

describe('simulator resource table', () => {
  it('knows the playbook resources by group, version and plural', () => {
    expect(findResourceType('', 'v1', 'pods')?.kind).toBe('Pod');
    expect(findResourceType('cert-manager.io', 'v1', 'certificates')?.kind).toBe('Certificate');
    expect(findResourceType('postgresql.cnpg.io', 'v1', 'clusters')?.kind).toBe('Cluster');
    expect(findResourceType('apps', 'v2', 'deployments')).toBeUndefined();
  });
  it('has unique keys and lists every group once', () => {
    const keys = RESOURCE_TYPES.map(typeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(apiGroups().map((g) => g.name)).toContain('batch');
  });
});
