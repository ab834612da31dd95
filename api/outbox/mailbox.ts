// The development mailbox: "sent" email is kept in the database and shown at /dev/mailbox.
import { sql, sqlTime, type Sql } from "../db/sql.ts";
import { clock } from "../clock.ts";
import type { Transport } from "./transport.ts";

export function mailboxTransport(db: Sql): Transport {
  return {
    name: "mailbox",
    maxBatch: 100,
    async send(batch) {
      const now = sqlTime(clock.nowMs());
      // Keyed by notification: a resent notification is stored once.
      await db.batch(
        batch.map(
          (e) => sql`INSERT INTO "MailboxEmail" ("notificationId", "kind", "to", "subject", "text", "html", "links", "createdAt")
             VALUES (${e.notificationId}, ${e.kind}, ${e.to}, ${e.subject}, ${e.text}, ${e.html}, ${JSON.stringify(e.links)}, ${now})
             ON CONFLICT ("notificationId") DO NOTHING`,
        ),
      );
      return batch.map((e) => ({ ok: true as const, messageId: `mailbox-${e.notificationId}` }));
    },
  };
}
