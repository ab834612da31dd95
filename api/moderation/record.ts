// The moderation log: every action an administrator takes, written in the same batch as the
// action itself and only if the action changed something (`when` is the action's guard).
import { newId } from "../ids.ts";
import { sql, type Stmt } from "../db/sql.ts";

type ModerationKind = "hide-deal" | "block-user";

export const recordAction = (
  a: { adminId: string; action: ModerationKind; target: { type: "deal" | "user"; id: string }; note?: string; at: string },
  when: Stmt,
) => sql`
  INSERT INTO "ModerationAction" ("id", "adminId", "action", "targetType", "targetId", "note", "createdAt")
  SELECT ${newId()}, ${a.adminId}, ${a.action}, ${a.target.type}, ${a.target.id}, ${a.note ?? null}, ${a.at}
  WHERE EXISTS (${when})`;

/** Hides a deal that is not hidden yet; the hide action is recorded only for the deal it hid. */
export function hideStmts(dealId: string, adminId: string, now: string, note?: string): Stmt[] {
  return [
    sql`UPDATE "Deal" SET "hiddenAt" = ${now} WHERE "id" = ${dealId} AND "hiddenAt" IS NULL RETURNING "id"`,
    recordAction(
      { adminId, action: "hide-deal", target: { type: "deal", id: dealId }, note, at: now },
      sql`SELECT 1 FROM "Deal" WHERE "id" = ${dealId} AND "hiddenAt" = ${now}`,
    ),
  ];
}
