// The AlertManager API v2 client (contract; the AlertManager source's helper fills it in).
export interface AlertmanagerClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** Where (no credentials). */
  readonly url: string;
  readonly flavour: 'alertmanager' | 'grafana';
  /** Requests sent. */
  requests(): number;
}
