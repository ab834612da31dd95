// Exactly once, end to end: two app instances on one database (as two processes), each with its
// own sweep and dispatcher and its own Resend client, against a fake Resend that fails, drops and
// delays. Every `deal-update` (per update and recipient) and every `deal-ending-soon` (per deal and
// recipient) is delivered exactly once, the updates posted from both instances at once.
import { expect, it } from "vitest";
import { startResend } from "../setup/resend.ts";
import { drain, tagOf } from "../email/helpers.ts";

const HOUR = 3_600_000;

it("delivers each update and each reminder once per recipient, from two instances under faults", async () => {
  const { fake, ...resend } = await startResend();
  const env = { DATABASE_URL: resend.database() };
  const a = await resend.app(env);
  const b = await resend.app(env);
  await a.built.background.stop();
  await b.built.background.stop();

  const ines = await a.createUser();
  const { deal } = await a.createDeal({ initiator: ines, threshold: 100, deadline: new Date(Date.now() + 7 * 24 * HOUR).toISOString() });
  const people = await Promise.all(Array.from({ length: 60 }, () => a.createUser()));
  // 40 join (the first 10 of them also follow), 20 more only follow.
  for (const [i, u] of people.entries()) {
    if (i < 40) expect((await a.join(u, deal.id, 1)).status).toBe(201);
    if (i < 10 || i >= 40) expect((await b.api("PUT", `/api/deals/${deal.id}/follow`, { as: u })).status).toBe(200);
  }
  fake.setFaults({ failRate: 0.25, statuses: [500, 429, 503], dropRate: 0.1, dropPhase: "either", latencyMs: 5, seed: 7 });

  // Three updates, posted through both instances at once.
  const posted = await Promise.all(
    ["first", "second", "third"].map((body, i) => (i % 2 ? b : a).api("POST", `/api/deals/${deal.id}/updates`, { as: ines, body: { body } })),
  );
  expect(posted.map((p) => p.status)).toEqual([201, 201, 201]);
  a.advance(5 * 24 * HOUR + HOUR);
  // Both instances sweep and dispatch at once, round after round, until the outbox is empty.
  const rounds = await drain([a, b]);

  const rows = await a.deps.prisma.notification.findMany({ where: { dealId: deal.id }, select: { id: true, key: true, kind: true, state: true } });
  const keyOf = new Map(rows.map((r) => [r.id, r.key]));
  const perKey = new Map<string, number>();
  for (const e of fake.delivered()) {
    const key = keyOf.get(Number(tagOf(e, "notification")));
    if (key) perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  const updates = rows.filter((r) => r.kind === "deal-update");
  const reminders = rows.filter((r) => r.kind === "deal-ending-soon");
  expect(updates.length).toBe(3 * 60);
  expect(reminders.length).toBe(61);
  expect(rows.every((r) => r.state === "sent")).toBe(true);
  expect([...perKey.values()].filter((n) => n !== 1)).toEqual([]);
  expect(perKey.size).toBe(3 * 60 + 61);
  console.log(
    `delivery: ${updates.length} deal-update (3 updates x 60) and ${reminders.length} deal-ending-soon emails, each delivered once, ` +
      `in ${rounds} rounds of two dispatchers, ${fake.calls().length} provider calls under faults`,
  );
}, 120_000);
