// One OpenBao replica's HTTP API, whatever carries the request. Every replica answers sys/seal-status,
// sys/health, sys/unseal, sys/seal, sys/leader and sys/init itself; anything else needs an unsealed replica
// (503 "Vault is sealed"), and a standby forwards it to the active node as OpenBao's request forwarding does
// (500 when Raft has no leader). Then the token (403 "permission denied"), then the route.
import type { World } from '../../box/world.js';
import { kvRequest } from './kv-api.js';
import { health, init, leader, seal, sealStatus, unseal } from './sys.js';
import { type BaoReply, type BaoRequest, DENIED, envelope, fail, ok, SEALED, tokenOf } from './wire.js';

export async function handleReplica(world: World, replica: string, req: BaoRequest, now: Date): Promise<BaoReply> {
  const path = req.path.replace(/^\/+/, '');
  switch (path.replace(/\/+$/, '')) {
    case 'sys/seal-status':
      return req.method === 'GET' ? ok(sealStatus(world, replica)) : fail(405);
    case 'sys/health':
      return health(world, replica, req, now);
    case 'sys/unseal':
      return unseal(world, replica, req);
    case 'sys/seal':
      return seal(world, replica, req);
    case 'sys/leader':
      return leader(world, replica, req);
    case 'sys/init':
      return init(req);
  }
  const r = world.bao.view(replica);
  if (!r || r.sealed) return SEALED();
  // a standby forwards to the active node, which answers as itself
  if (!r.active && !world.bao.leader) return fail(500, 'local node not active but active cluster node not found');
  return handleActive(world, { ...req, path });
}

/** What the active node does with a request that needs the barrier open. */
function handleActive(world: World, req: BaoRequest): BaoReply {
  const token = world.tokens.lookup(tokenOf(req));
  if (!token) return DENIED();
  const path = req.path.replace(/\/+$/, '');
  if (path === 'auth/token/lookup-self') {
    if (req.method !== 'GET' && req.method !== 'POST') return fail(405);
    return ok(
      envelope({
        accessor: token.accessor,
        creation_time: token.creationTime,
        creation_ttl: token.ttl,
        display_name: token.displayName,
        entity_id: '',
        expire_time: null,
        explicit_max_ttl: 0,
        id: token.id,
        meta: null,
        num_uses: 0,
        orphan: true,
        path: token.path,
        policies: token.policies,
        ttl: token.ttl,
        type: 'service',
      }),
    );
  }
  if (path.startsWith('sys/internal/ui/mounts/')) {
    const mount = path.slice('sys/internal/ui/mounts/'.length).split('/')[0];
    if (mount !== 'secret') return fail(400, `no mount found for path "${mount}/"`);
    return ok(
      envelope({
        accessor: 'kv_6a1b2c3d',
        config: { default_lease_ttl: 0, force_no_cache: false, max_lease_ttl: 0 },
        description: 'key/value secret storage',
        external_entropy_access: false,
        local: false,
        options: { version: '2' },
        path: 'secret/',
        plugin_version: '',
        running_plugin_version: 'v2.1.0+builtin.bao',
        seal_wrap: false,
        type: 'kv',
        uuid: '3f7c9e1a-2b4d-4c6e-8f0a-1b2c3d4e5f60',
      }),
    );
  }
  if (path.startsWith('secret/')) {
    const reply = kvRequest(world.kv, path.slice('secret/'.length), req);
    if (reply.status === 200 && req.method !== 'GET' && req.method !== 'LIST') world.bao.raftIndex++;
    return reply;
  }
  return fail(404, `no handler for route "${path}". route entry not found.`);
}
