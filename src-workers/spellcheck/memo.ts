/**
 * A bounded memo: the worker keeps each word's decision and suggestions
 * across the tasks of a batch, where the same words and the same
 * misspellings come back essay after essay. The oldest entry goes first
 * when it is full, so memory stays flat however long the worker lives.
 */
export interface Memo<Value> {
  get(key: string, compute: () => Value): Value;
}

export function createMemo<Value>(capacity: number): Memo<Value> {
  const entries = new Map<string, Value>();
  return {
    get(key, compute) {
      const known = entries.get(key);
      if (known !== undefined) return known;
      const value = compute();
      if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
      entries.set(key, value);
      return value;
    },
  };
}
