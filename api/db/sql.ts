// The raw SQL port. State changes that must be atomic (join, withdraw, cancel, the deadline
// sweep, the outbox claim) are written as guarded statements run together in one atomic batch.
// Node runs a batch as one immediate better-sqlite3 transaction; Workers as one D1 batch. Both
// are atomic, and neither needs an interactive transaction.
export type SqlValue = string | number | null;

export interface Stmt {
  sql: string;
  args: SqlValue[];
}

export type Row = Record<string, SqlValue>;

export interface Sql {
  /** Runs the statements in order, atomically; returns the rows each statement returned. */
  batch(stmts: Stmt[]): Promise<Row[][]>;
  /** Runs one read. */
  all(sql: string, args?: SqlValue[]): Promise<Row[]>;
}

export const stmt = (sql: string, ...args: SqlValue[]): Stmt => ({ sql, args });

/**
 * Times are stored as ISO 8601 text in UTC with milliseconds, the format both Prisma SQLite
 * adapters (better-sqlite3 and D1) write. One fixed width, so comparisons in SQL are correct
 * as text. Raw SQL passes and reads times only through these two functions.
 */
export const sqlTime = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");
export const fromSqlTime = (v: SqlValue | undefined): Date | null => (v == null ? null : new Date(String(v)));
