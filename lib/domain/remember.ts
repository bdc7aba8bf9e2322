/**
 * A pure function remembered per input: lists and exports repeat their dates, amounts, names and
 * words, so each distinct one is worked out once. Bounded: holding `max` inputs, it starts over.
 */
export interface Remembered<I, T> {
  (input: I): T;
  /** Forgets every input (benches measure a first read with it). */
  forget(): void;
}

export function remembered<I, T>(fn: (input: I) => T, max = 4096): Remembered<I, T> {
  const seen = new Map<I, T>();
  const f = (input: I): T => {
    let value = seen.get(input);
    if (value === undefined) {
      if (seen.size >= max) seen.clear();
      value = fn(input);
      seen.set(input, value);
    }
    return value;
  };
  return Object.assign(f, { forget: () => seen.clear() });
}
