// Secret values handed to the executor as Buffers (an unseal share typed into a hidden prompt or read from
// stdin), never as strings: a step takes each once and wipes it (fill(0)) when done; the executor wipes
// whatever is left when the action ends, refused or not. A string cannot be wiped, so a share never becomes one.
export interface SecretBuffers {
  has(name: string): boolean;
  /** The value, once: afterwards `has` is false. The taker wipes it. */
  take(name: string): Buffer | undefined;
  /** Fills every value not taken with zeros and forgets it. */
  wipe(): void;
}

export function secretBuffers(values: Record<string, Buffer>): SecretBuffers {
  const held = new Map(Object.entries(values));
  return {
    has: (name) => held.has(name),
    take(name) {
      const v = held.get(name);
      held.delete(name);
      return v;
    },
    wipe() {
      for (const v of held.values()) v.fill(0);
      held.clear();
    },
  };
}
