// The updates an event stream sends on a target where they may be posted in another process
// (Workers isolates), whose publish never reaches this one: at each poll, the stream reads the
// updates posted lately and sends those it has not sent yet. The window reaches back SLACK_MS
// behind the newest one seen, so an update whose batch committed after a later-stamped one is
// still found; the set of ids sent keeps each to one message.
import type { Deps } from "../context.ts";
import { query, sql, sqlTime } from "../db/sql.ts";
import type { DealMessage } from "./events.ts";
import { updateFromRow } from "./post-update.ts";

const SLACK_MS = 10_000;

export class UpdateFeed {
  private sent = new Set<string>();
  private sinceMs: number;

  constructor(
    private deps: Deps,
    private dealId: string,
    startMs: number,
  ) {
    this.sinceMs = startMs - SLACK_MS;
  }

  /** A message this process published: sent already, never again by a poll. */
  saw(message: DealMessage): void {
    if (message.event === "update") this.sent.add((JSON.parse(message.data) as { update: { id: string } }).update.id);
  }

  /** The updates posted lately that this stream has not sent, oldest first, as messages. */
  async poll(): Promise<DealMessage[]> {
    const rows = await query(
      this.deps.sql,
      sql`SELECT "id", "body", "createdAt" FROM "DealUpdate"
       WHERE "dealId" = ${this.dealId} AND "createdAt" > ${sqlTime(this.sinceMs)}
       ORDER BY "createdAt", "id" LIMIT 50`,
    );
    const fresh: DealMessage[] = [];
    for (const update of rows.map(updateFromRow)) {
      this.sinceMs = Math.max(this.sinceMs, Date.parse(update.createdAt) - SLACK_MS);
      if (this.sent.has(update.id)) continue;
      this.sent.add(update.id);
      fresh.push({ event: "update", data: JSON.stringify({ update }) });
    }
    return fresh;
  }
}
