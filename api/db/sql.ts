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

/**
 * The texts a call site of `sql` produced, by the texts interpolated into it. The same call site
 * with the same fragments gives back the very same string, so the statement cache of the Node port
 * finds it without hashing a new string on every call; a handful of variants is kept per site.
 */
const textsBySite = new WeakMap<TemplateStringsArray, { parts: string[]; text: string }[]>();
const VARIANTS_PER_SITE = 8;

function sameTexts(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Writes a statement with its values in place: sql`... WHERE "id" = ${dealId}` gives
 * `{ sql: '... WHERE "id" = ?', args: [dealId] }`. A statement interpolated into another is a
 * fragment: its text goes in where it stands and its values with it, in order. So no list of
 * arguments has to be kept in step with the question marks by hand.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Stmt)[]): Stmt {
  const parts: string[] = [];
  const args: SqlValue[] = [];
  for (const v of values) {
    if (v !== null && typeof v === "object") {
      parts.push(v.sql);
      for (const a of v.args) args.push(a);
    } else {
      parts.push("?");
      args.push(v);
    }
  }
  let variants = textsBySite.get(strings);
  if (!variants) textsBySite.set(strings, (variants = []));
  let found = variants.find((c) => sameTexts(c.parts, parts));
  if (!found) {
    let text = strings[0]!;
    for (let i = 0; i < parts.length; i++) text += parts[i]! + strings[i + 1]!;
    found = { parts, text };
    if (variants.length >= VARIANTS_PER_SITE) variants.shift();
    variants.push(found);
  }
  return { sql: found.text, args };
}

/**
 * SQL text that cannot be a bound value: an identifier, a sort direction, a literal list. Only
 * ever for text the code itself chose from a fixed set, never for input.
 */
export const raw = (text: string): Stmt => ({ sql: text, args: [] });

/** Runs one read written with `sql`. */
export const query = (db: Sql, s: Stmt): Promise<Row[]> => db.all(s.sql, s.args);

/**
 * Times are stored as ISO 8601 text in UTC with milliseconds, the format both Prisma SQLite
 * adapters (better-sqlite3 and D1) write. One fixed width, so comparisons in SQL are correct
 * as text. Raw SQL passes and reads times only through these two functions.
 */
export const sqlTime = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");
export const fromSqlTime = (v: SqlValue | undefined): Date | null => (v == null ? null : new Date(String(v)));
