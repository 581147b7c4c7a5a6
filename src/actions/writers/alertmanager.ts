// The AlertManager writer: the only code that creates or expires a silence (POST /api/v2/silences, DELETE
// /api/v2/silence/{id}), against AlertManager or Grafana's built-in Alertmanager, over the session's client.
// A dry run sends nothing and says so in one sentence; a failure is the client's one sentence (AlertManager's
// own reason for a 400, "no such silence" for an unknown id).
import type { AlertmanagerClient } from '../../sources/alertmanager/client.js';
import { AlertmanagerError } from '../../sources/alertmanager/errors.js';
import type { SilenceMatcher } from '../../store/alerts-slice.js';

export interface NewSilence {
  matchers: SilenceMatcher[];
  /** RFC 3339. */
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface AlertmanagerWriter {
  readonly dryRun: boolean;
  /** Creates the silence; resolves with its id. Rejects with one sentence (AlertManager's own reason for a 400). */
  createSilence(silence: NewSilence): Promise<{ silenceID: string }>;
  /** Expires the silence now. Rejects with one sentence (404: no such silence). */
  expireSilence(id: string): Promise<void>;
}

/** The id a dry run answers with: nothing was created. */
const DRY_RUN_SILENCE_ID = '(dry run: no silence created)';

function notFound(err: unknown, id: string, url: string): never {
  // AlertManager 0.25 answers an unknown id with 500 "silence not found"; later ones with 404.
  if (err instanceof AlertmanagerError && (err.status === 404 || /silence not found/i.test(err.message))) {
    throw new AlertmanagerError('not-found', `AlertManager at ${url} has no silence ${id}; list them with sunbeam-console mon silence query.`, err.status);
  }
  throw err;
}

export function createAlertmanagerWriter(client: AlertmanagerClient, opts: { dryRun: boolean }): AlertmanagerWriter {
  return {
    dryRun: opts.dryRun,
    async createSilence(s) {
      if (!s.comment.trim()) throw new AlertmanagerError('bad-request', 'A silence needs a comment: say why (a ticket, what is being fixed).');
      if (!s.matchers.length) throw new AlertmanagerError('bad-request', 'A silence needs at least one matcher, such as alertname=PostgresDown.');
      if (opts.dryRun) return { silenceID: DRY_RUN_SILENCE_ID };
      const body = { matchers: s.matchers, startsAt: s.startsAt, endsAt: s.endsAt, createdBy: s.createdBy, comment: s.comment };
      const answer = (await client.send('POST', '/api/v2/silences', body)) as { silenceID?: unknown } | undefined;
      const id = answer && typeof answer.silenceID === 'string' ? answer.silenceID : undefined;
      if (!id) throw new AlertmanagerError('error', `AlertManager at ${client.url} did not say the new silence's id; check it with sunbeam-console mon silence query.`);
      return { silenceID: id };
    },
    async expireSilence(id) {
      if (!/^[\w-]+$/.test(id)) throw new AlertmanagerError('bad-request', `"${id}" is not a silence id (they look like 5dcd6389-061c-4cf3-a9a8-ab3f69efc961).`);
      if (opts.dryRun) return;
      await client.send('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`).catch((err: unknown) => notFound(err, id, client.url));
    },
  };
}
