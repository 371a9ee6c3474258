/**
 * Splits `items` into consecutive batches of at most `size`, so recovery writes in bounded
 * transactions and reports progress per batch.
 *
 * @example
 * for (const batch of inBatches(objects, 1000)) fresh.write(() => batch.forEach(copy));
 */
export function* inBatches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
