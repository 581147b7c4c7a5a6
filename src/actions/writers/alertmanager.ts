// The AlertManager writer: the only code that creates or expires a silence (POST /api/v2/silences, DELETE
// /api/v2/silence/{id}), against AlertManager or Grafana's built-in Alertmanager. (Contract; the AlertManager
// source's helper implements createAlertmanagerWriter over the session's client.)
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
