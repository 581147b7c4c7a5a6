// The PostgreSQL client (contract; the PostgreSQL source's helper fills it in).
export interface PostgresClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** "user@host:port/database", never a password. */
  readonly target: string;
}
