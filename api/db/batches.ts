// The sweeps work through what is due a bounded batch at a time, each batch one atomic write, so
// no write holds the database for long. A batch that marks fewer rows than the limit was the last.
export const PER_BATCH = 200;

/** Runs `batch` until it answers fewer than PER_BATCH rows; every row it answered, in order. */
export async function drain<T>(batch: () => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const answered = await batch();
    rows.push(...answered);
    if (answered.length < PER_BATCH) return rows;
  }
}
