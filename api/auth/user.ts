// The user as the API answers it (the contract's User), written once: the columns a read selects
// from "User" u, and the mapping of such a row.
import type { z } from "zod";
import type { User } from "../contract/schemas.ts";
import { sql, type Row } from "../db/sql.ts";

export type SessionUser = z.output<typeof User>;

export const userColumns = sql`u."id", u."email", u."displayName", u."locale", u."nameChosenAt", u."timeZone"`;

export const userFromRow = (r: Row): SessionUser => ({
  id: String(r.id),
  email: String(r.email),
  displayName: String(r.displayName),
  locale: String(r.locale),
  nameChosen: r.nameChosenAt != null,
  timeZone: r.timeZone == null ? null : String(r.timeZone),
});

/** One address, however it was typed: users, links and limits are keyed by this. */
export const canonicalEmail = (email: string) => email.trim().toLowerCase();
