// What the outbox costs per email on the thread that serves joins: a deal of 5,000 participants
// tips (deal-confirmed and payment-due to each: 10,000 notifications, the backlog a tipped deal
// leaves), then the real dispatcher drains it into the development mailbox, a batch of 100 at a
// time, as the server's kick does. Prints wall and CPU µs per email and, per statement, what the
// drain's SQL took. `node --import tsx bench/outbox-drain.ts [participants]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../api/config.ts";
import { buildNodeApp } from "../api/server.ts";
import { joinStmts } from "../api/deals/join-deal.ts";
import { dispatchOutbox } from "../api/outbox/dispatch.ts";
import { mailboxTransport } from "../api/outbox/mailbox.ts";
import { newId } from "../api/ids.ts";
import { seedDeal, seedUsers } from "./seed.ts";

const participants = Number(process.argv[2] ?? 5_000);
const dir = mkdtempSync(join(tmpdir(), "quorum-outbox-drain-"));
const config = loadConfig({
  NODE_ENV: "test",
  APP_URL: "http://localhost:3000",
  DATABASE_URL: `file:${join(dir, "o.db")}`,
  LOG_LEVEL: "silent",
  RATE_LIMITS: "off",
  MAIL_FROM: "Quorum <deals@quorum.test>",
});
const built = await buildNodeApp(config);
const { deps, db } = built;
// Every statement the server's SQL port prepares from here on is timed, by its text.
const times = new Map<string, [number, number]>();
const prepare = db.raw.prepare.bind(db.raw);
(db.raw as { prepare: unknown }).prepare = (text: string) => {
  const s = prepare(text);
  const timed = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    const t = performance.now();
    try {
      return f(...a);
    } finally {
      const e = times.get(text) ?? [0, 0];
      e[0]++;
      e[1] += performance.now() - t;
      times.set(text, e);
    }
  };
  // Everything else (raw mode, columns, reader) is the statement's own; only the runs are timed.
  const own: Record<string, unknown> = { run: timed(s.run.bind(s)), all: timed(s.all.bind(s)), get: timed(s.get.bind(s)) };
  const wrapped: typeof s = new Proxy(s, {
    get(target, key) {
      if (typeof key === "string" && key in own) return own[key];
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v !== "function") return v;
      // Chained setters (raw, safeIntegers) answer the wrapper, so the runs stay timed.
      return (...a: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(target, a);
        return r === target ? wrapped : r;
      };
    },
  });
  return wrapped;
};
const [initiatorId] = seedUsers(db.raw, 1, "initiator-").ids as [string];
const users = seedUsers(db.raw, participants, "p-").ids;
const dealId = seedDeal(db.raw, { threshold: participants, capacity: null, initiatorId });
for (let i = 0; i < users.length; i += 200) {
  await Promise.all(users.slice(i, i + 200).map((userId) => deps.sql.batch(joinStmts({ dealId, userId, seats: 1, commitmentId: newId(), now: Date.now() }))));
}
const waiting = Number((db.raw.prepare(`SELECT COUNT(*) AS n FROM "Notification" WHERE "state" = 'pending'`).get() as { n: number }).n);
const transport = mailboxTransport(deps.sql);
times.clear();
const cpu = process.cpuUsage();
const t = performance.now();
let sent = 0;
for (;;) {
  const r = await dispatchOutbox(deps, transport);
  sent += r.sent;
  if (r.claimed === 0) break;
}
const wall = performance.now() - t;
const used = process.cpuUsage(cpu);
console.log(`${waiting} waiting, ${sent} sent in ${Math.round(wall)} ms: ${Math.round((1000 * wall) / sent)} µs wall, ${Math.round((used.user + used.system) / sent)} µs CPU an email`);
for (const [s, [n, ms]] of [...times].sort((a, b) => b[1][1] - a[1][1]).slice(0, 8)) {
  console.log(`  ${((1000 * ms) / sent).toFixed(1)} µs an email  ${n}×  ${s.replace(/\s+/g, " ").slice(0, 110)}`);
}
await built.background.stop();
await db.close();
rmSync(dir, { recursive: true, force: true });
