// Proposing a deal: it opens at once, with its proposer as the initiator.
import type { Deps } from "../context.ts";
import { AppError } from "../errors.ts";
import { clock } from "../clock.ts";
import { newId } from "../ids.ts";
import { sql, sqlTime } from "../db/sql.ts";
import { proposalIssues, type CreateDealInput } from "../contract/schemas.ts";
import { dealColumns, dealFromRow, toDealJson, withInitiator } from "./deal-reads.ts";
import { coCreateIssues } from "../contract/co-create-rules.ts";
import { proposeCoCreateStmts } from "./propose-co-create.ts";
import { assertPayableCurrency } from "../payments/money.ts";
import { PAYMENT_WINDOW } from "../contract/payment-schemas.ts";
import { DEFAULT_LANG, type Lang } from "../contract/lang.ts";

/** The rules across a proposal's fields, at the server's time; throws VALIDATION_FAILED. */
export function assertProposal(input: CreateDealInput): void {
  const issues = [...proposalIssues(input, clock.nowMs()), ...coCreateIssues(input)];
  if (issues.length) throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { issues });
  assertPayableCurrency(input.currency);
}

/** `lang`: the language the proposer used, which the deal's link preview will speak. */
export async function proposeDeal(deps: Deps, { userId, input, lang = DEFAULT_LANG }: { userId: string; input: CreateDealInput; lang?: Lang }) {
  assertProposal(input);
  const id = newId();
  const results = await deps.sql.batch([
    sql`INSERT INTO "Deal" ("id", "kind", "title", "description", "destination", "departsOn", "returnsOn",
         "pricePerSeatCents", "currency", "threshold", "capacity", "maxSeatsPerCommitment", "deadline",
         "initiatorId", "createdAt", "visibility", "softThreshold", "paymentWindowHours", "lang")
       VALUES (${id}, ${input.kind}, ${input.title}, ${input.description}, ${input.destination ?? null},
         ${input.departsOn ?? null}, ${input.returnsOn ?? null}, ${input.pricePerSeatCents}, ${input.currency},
         ${input.threshold}, ${input.capacity ?? null}, ${input.maxSeatsPerCommitment},
         ${sqlTime(Date.parse(input.deadline))}, ${userId}, ${sqlTime(clock.nowMs())},
         ${input.visibility}, ${input.softThreshold ?? null}, ${input.paymentWindowHours ?? PAYMENT_WINDOW.defaultHours}, ${lang})`,
    ...proposeCoCreateStmts(id, input),
    sql`SELECT ${dealColumns} FROM "Deal" d ${withInitiator} WHERE d."id" = ${id}`,
  ]);
  return toDealJson(dealFromRow(results.at(-1)![0]!), userId, null);
}
