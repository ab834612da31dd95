// The co-creation part of a proposal: its options and its price tiers, written in the proposal's
// own batch, right after the deal.
import { newId } from "../ids.ts";
import { sql, type Stmt } from "../db/sql.ts";
import type { CreateDealInput } from "../contract/schemas.ts";

export function proposeCoCreateStmts(dealId: string, input: CreateDealInput): Stmt[] {
  const tiers = input.priceTiers ?? [];
  return [
    ...(tiers.length ? [sql`UPDATE "Deal" SET "priceTiers" = ${JSON.stringify(tiers)} WHERE "id" = ${dealId}`] : []),
    ...(input.options ?? []).map(
      (o, position) => sql`INSERT INTO "DealOption" ("id", "dealId", "position", "label", "departsOn", "returnsOn")
        VALUES (${newId()}, ${dealId}, ${position}, ${o.label}, ${o.departsOn ?? null}, ${o.returnsOn ?? null})`,
    ),
  ];
}
