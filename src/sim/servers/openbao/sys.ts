// OpenBao's sys/ endpoints that every replica answers itself, sealed or not, active or standby: seal-status,
// health (with its status codes and query overrides), unseal, seal, leader and init. The seal state is the
// Box's (src/sim/box/openbao); this file only shapes it as OpenBao's HTTP API does.
import { OPENBAO_BUILD_DATE, OPENBAO_VERSION } from '../../box/openbao/cluster.js';
import { UnsealError } from '../../box/openbao/keys.js';
import type { World } from '../../box/world.js';
import { type BaoReply, type BaoRequest, DENIED, fail, field, noContent, ok, parseBody, parseBool, SEALED, tokenOf } from './wire.js';

const MIN_KEY = 16;
const MAX_KEY = 33;

export function sealStatus(world: World, replica: string): Record<string, unknown> {
  const bao = world.bao;
  const r = bao.view(replica);
  const sealed = r?.sealed ?? true;
  return {
    type: 'shamir',
    initialized: true,
    sealed,
    t: bao.threshold,
    n: bao.shares,
    progress: r?.progress ?? 0,
    nonce: r?.nonce ?? '',
    version: OPENBAO_VERSION,
    build_date: OPENBAO_BUILD_DATE,
    migration: false,
    ...(sealed ? {} : { cluster_name: bao.clusterName, cluster_id: bao.clusterId }),
    recovery_seal: false,
    storage_type: 'raft',
  };
}

const DEFAULT_CODES = { activecode: 200, standbycode: 429, drsecondarycode: 472, performancestandbycode: 473, sealedcode: 503, uninitcode: 501 } as const;

/** GET or HEAD sys/health: the status code says active (200), standby (429), sealed (503)... unless the query overrides it. */
export function health(world: World, replica: string, req: BaoRequest, now: Date): BaoReply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405);
  const codes: Record<string, number> = { ...DEFAULT_CODES };
  for (const name of Object.keys(DEFAULT_CODES)) {
    const v = req.query.get(name);
    if (v === null) continue;
    if (!/^[+-]?\d+$/.test(v)) return fail(400, `strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    codes[name] = Number(v);
  }
  const flags: Record<string, boolean> = {};
  for (const name of ['standbyok', 'perfstandbyok']) {
    const v = req.query.get(name);
    if (v === null) continue;
    // OpenBao reads a present but empty flag as true
    const b = v === '' ? true : parseBool(v);
    if (b === undefined) return fail(400, `bad value for ${name} parameter: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
    flags[name] = b;
  }
  const r = world.bao.view(replica);
  const sealed = r?.sealed ?? true;
  const standby = !sealed && !r?.active;
  const status = sealed ? codes.sealedcode! : standby && !flags.standbyok ? codes.standbycode! : codes.activecode!;
  const body = {
    initialized: true,
    sealed,
    standby: sealed ? true : standby,
    performance_standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(now.getTime() / 1000),
    version: OPENBAO_VERSION,
    ...(sealed ? {} : { cluster_name: world.bao.clusterName, cluster_id: world.bao.clusterId }),
  };
  return { status, body: req.method === 'HEAD' ? undefined : body };
}

/** PUT or POST sys/unseal: one share (hex or base64), or `reset`; the answer is the replica's seal status. */
export async function unseal(world: World, replica: string, req: BaoRequest): Promise<BaoReply> {
  if (req.method !== 'PUT' && req.method !== 'POST') return fail(405);
  const parsed = parseBody(req);
  if ('error' in parsed) return fail(400, ...(parsed.error.body as { errors: string[] }).errors);
  const key = field(parsed.value, 'key');
  const reset = field(parsed.value, 'reset');
  if (key !== undefined && typeof key !== 'string') return fail(400, `failed to parse JSON input: json: cannot unmarshal ${typeof key} into Go struct field UnsealRequest.Key of type string`);
  if (reset !== undefined && typeof reset !== 'boolean') return fail(400, `failed to parse JSON input: json: cannot unmarshal ${typeof reset} into Go struct field UnsealRequest.Reset of type bool`);
  const bao = world.bao;
  if (reset) {
    if (!(bao.view(replica)?.sealed ?? true)) return fail(400, 'vault is unsealed');
    bao.resetUnseal(replica);
    return ok(sealStatus(world, replica));
  }
  if (!key) return fail(400, "'key' must be specified in request body as JSON, or 'reset' set to true");
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]*$/.test(key) && key.length % 2 === 0 && key.length / 2 >= MIN_KEY && key.length / 2 <= MAX_KEY) bytes = Buffer.from(key, 'hex');
  else if (/^[A-Za-z0-9+/]*={0,2}$/.test(key) && key.length % 4 === 0) bytes = Buffer.from(key, 'base64');
  if (!bytes) return fail(400, "'key' must be a valid hex or base64 string");
  try {
    await bao.submitShare(replica, bytes);
  } catch (err) {
    if (err instanceof UnsealError) return fail(err.status, err.message);
    throw err;
  } finally {
    bytes.fill(0);
  }
  return ok(sealStatus(world, replica));
}

/** PUT or POST sys/seal: the active node seals itself (a standby cannot); the token must be valid. */
export function seal(world: World, replica: string, req: BaoRequest): BaoReply {
  if (req.method !== 'PUT' && req.method !== 'POST') return fail(405);
  const r = world.bao.view(replica);
  if (!r || r.sealed) return noContent();
  if (!world.tokens.lookup(tokenOf(req))) return DENIED();
  if (!r.active) return fail(500, 'vault cannot seal when in standby mode; please restart instead');
  world.bao.seal(replica);
  return noContent();
}

/** GET sys/leader: the HA state as this replica sees it. */
export function leader(world: World, replica: string, req: BaoRequest): BaoReply {
  if (req.method !== 'GET') return fail(405);
  const r = world.bao.view(replica);
  if (!r || r.sealed) return SEALED();
  const lead = world.bao.leader;
  return ok({
    ha_enabled: true,
    is_self: r.active,
    active_time: r.active ? r.activeSince : '0001-01-01T00:00:00Z',
    leader_address: lead ? `https://${lead}.openbao-internal:8200` : '',
    leader_cluster_address: lead ? `https://${lead}.openbao-internal:8201` : '',
    performance_standby: false,
    performance_standby_last_remote_wal: 0,
    raft_committed_index: world.bao.raftIndex,
    raft_applied_index: world.bao.raftIndex,
  });
}

export function init(req: BaoRequest): BaoReply {
  if (req.method === 'GET') return ok({ initialized: true });
  if (req.method === 'PUT' || req.method === 'POST') return fail(400, 'Vault is already initialized');
  return fail(405);
}
