// The raw SQL port. State changes that must be atomic (join, withdraw, cancel, the deadline
// sweep, the outbox claim) are written as guarded statements run together in one atomic batch.
// Node runs a batch as one immediate better-sqlite3 transaction; Workers as one D1 batch. Both
// are atomic, and neither needs an interactive transaction.
import { clock } from "../clock.ts";

export type SqlValue = string | number | null;

export interface Stmt {
  sql: string;
  args: SqlValue[];
  /**
   * A promise this statement makes by its own guard: it changes nothing unless `onlyAfter`, an
   * earlier statement of the same batch, changed a row (a write) or returned one (a read, a probe
   * of what the guard asks). The Node port then skips it; D1 runs it, and its guard makes it
   * change nothing. Set with `onlyAfter()`; SQL_CHECK_SKIPS runs
   * the skipped statements anyway and fails the batch if one broke the promise (the tests do).
   */
  onlyAfter?: Stmt;
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
 * A batch whose text depends only on its shape: `build` is run once with markers in place of the
 * values, and each call then copies the statements with the values where the markers were,
 * instead of writing every statement and fragment again (issue 17: a join wrote ~25 fragments a
 * request). `build` may only bind the values, never compute with them or choose by them, nor read
 * the clock: it is run a second time with other markers and the clock 400 days on, and a text or
 * a value that came out different throws.
 */
export function batchOf<V extends Record<string, SqlValue>>(keys: readonly (keyof V & string)[], build: (values: V) => Stmt[]) {
  type K = keyof V & string;
  // A marker stands for a value of any type: `build` only binds it.
  const markers = (tag: string) => Object.fromEntries(keys.map((k) => [k, `\u0000${tag}:${k}\u0000`])) as unknown as V;
  const [first, second] = [markers("a"), markers("b")];
  const built = build(first);
  const offset = clock.offsetMs();
  clock.setOffset(offset + 400 * 86_400_000);
  let again: Stmt[];
  try {
    again = build(second);
  } finally {
    clock.setOffset(offset);
  }
  if (again.length !== built.length) throw new Error("batchOf: the number of statements changes with the values");
  const keyOf = (v: SqlValue, of: V) => keys.find((k) => of[k] === v);
  const plan = built.map((s, i) => {
    const twin = again[i];
    const slots: [number, K][] = [];
    s.args.forEach((a, j) => {
      const key = keyOf(a, first);
      if (key !== undefined && twin?.args[j] === second[key]) slots.push([j, key]);
      // NaN: arithmetic on a marker.
      else if (key !== undefined || a !== twin?.args[j] || Number.isNaN(a)) throw new Error(`batchOf: statement ${i + 1} computes with a value: ${s.sql.slice(0, 120)}`);
    });
    const after = s.onlyAfter ? built.indexOf(s.onlyAfter) : -1;
    if (twin?.sql !== s.sql || twin.args.length !== s.args.length || (s.onlyAfter && after < 0)) {
      throw new Error(`batchOf: statement ${i + 1} changes with the values: ${s.sql.slice(0, 120)}`);
    }
    return { sql: s.sql, args: s.args, slots, after };
  });
  return (values: V): Stmt[] => {
    const out: Stmt[] = [];
    for (const p of plan) {
      const args = p.args.slice();
      for (const [j, k] of p.slots) args[j] = values[k] as SqlValue;
      out.push(p.after < 0 ? { sql: p.sql, args } : { sql: p.sql, args, onlyAfter: out[p.after]! });
    }
    return out;
  };
}

/**
 * `then`, to be skipped when `first` changed (or, a read, returned) no row in the same batch: for a
 * statement whose guard already requires what `first` does (the emails of a tip need the tip).
 * See Stmt.onlyAfter.
 */
export const onlyAfter = (first: Stmt, then: Stmt): Stmt => ({ sql: then.sql, args: then.args, onlyAfter: first });

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
