// What OpenBao's KV holds when the Box starts: the static secrets the Vault Secrets Operator mirrors into
// Kubernetes Secrets (seeded there as the same placeholders, so a sync without a write changes nothing).
import type { World } from '../world.js';

export const SEEDED_KV: Record<string, Record<string, string>> = {
  'messages/django-secret': { DJANGO_SECRET_KEY: 'sim-placeholder' },
  'monitoring/matrix-bot': { 'access-token': 'sim-placeholder', 'user-id': '@alertbot:sunbeam.example' },
};

export function seedKv(world: World): void {
  for (const [path, data] of Object.entries(SEEDED_KV)) if (!world.kv.get(path)) world.kv.write(path, data);
}
