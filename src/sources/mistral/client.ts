// The Mistral API client for Sol's brain check (contract; the Mistral source's helper fills it in).
export interface MistralClient {
  /** One sentence: a setting that cannot be used; the source shows it instead of reading. */
  readonly problem?: string;
  /** The base URL (no key). */
  readonly base: string;
}
