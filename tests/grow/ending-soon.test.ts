// The ending-soon reminder (DESIGN.md "Growing the group"): once per deal and recipient, to the
// active and waitlisted participants, the followers and the initiator, when an open deal comes
// within 48 hours of its deadline; whether the sweep runs twice, or twice at once from two app
// instances on one database. None for a deal proposed with less than 48 hours to go, none for a
// confirmed deal, none before the 48 hours, none after the deadline.
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { tempDatabase } from "../setup/db.ts";
import { sweepEndingSoon } from "../../api/deals/sweep-ending-soon.ts";
import { clock } from "../../api/clock.ts";

const HOUR = 3_600_000;
const apps: TestApp[] = [];
const files: (() => void)[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const rm of files.splice(0)) rm();
});

async function newApp(env: Record<string, string> = {}) {
  const app = await createTestApp(env);
  apps.push(app);
  return app;
}

const inHours = (h: number) => new Date(clock.nowMs() + h * HOUR).toISOString();

/** A deal ending in 7 days: Ada active (2 of 6), Bob waitlisted, Cy withdrew, Fay follows, Sam stands by. */
async function scene(app: TestApp) {
  const ines = await app.createUser();
  const { deal } = await app.createDeal({ initiator: ines, threshold: 6, capacity: 6, maxSeatsPerCommitment: 5, deadline: inHours(7 * 24) });
  const [ada, bob, cy, fay, sam] = await Promise.all([1, 2, 3, 4, 5].map(() => app.createUser()));
  expect((await app.join(ada!, deal.id, 2)).json.commitment.status).toBe("active");
  expect((await app.join(cy!, deal.id, 1)).json.commitment.status).toBe("active");
  expect((await app.join(bob!, deal.id, 5)).json.commitment.status).toBe("waitlisted");
  expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: cy })).status).toBe(200);
  expect((await app.api("PUT", `/api/deals/${deal.id}/follow`, { as: fay })).status).toBe(200);
  return { deal, ines, ada: ada!, bob: bob!, cy: cy!, fay: fay!, sam: sam! };
}

const reminders = (app: TestApp, dealId?: string) => app.notifications({ kind: "deal-ending-soon", ...(dealId ? { dealId } : {}) });

describe("the ending-soon reminder", () => {
  it("goes once to participants, waitlisted, followers and the initiator, from 48 hours before the deadline", async () => {
    const app = await newApp();
    const s = await scene(app);
    app.advance(5 * 24 * HOUR - 60_000);
    expect((await sweepEndingSoon(app.deps)).reminded).toEqual([]);
    app.advance(60_000);
    // The compose wiring: the background run sweeps it, and then sends it.
    await app.built.background.runNow();
    const rows = await reminders(app, s.deal.id);
    expect(rows.map((n) => n.userId).sort()).toEqual([s.ines, s.ada, s.bob, s.fay].map((u) => u.id).sort());
    for (const n of rows) expect(n.key).toBe(`deal-ending-soon:${s.deal.id}:${n.userId}`);
    const marked = await app.deps.prisma.deal.findUniqueOrThrow({ where: { id: s.deal.id } });
    expect(marked.endingSoonAt).toBeInstanceOf(Date);

    // A second sweep, and a later one, add nothing.
    expect((await sweepEndingSoon(app.deps)).reminded).toEqual([]);
    app.advance(24 * HOUR);
    await app.built.background.runNow();
    expect((await reminders(app, s.deal.id)).length).toBe(4);

    const mails = (await app.api("GET", "/api/dev/mailbox?limit=50")).json.items as { kind: string; to: string; text: string }[];
    const sent = mails.filter((m) => m.kind === "deal-ending-soon");
    expect(sent.map((m) => m.to).sort()).toEqual([s.ines, s.ada, s.bob, s.fay].map((u) => u.email).sort());
    for (const m of sent) {
      expect(m.text).toContain("It still needs 4 more seats");
      expect(m.text).toContain(`/deals/${s.deal.id}`);
    }
    expect(sent.find((m) => m.to === s.ines.email)!.text).toContain("that's how the group grows");
  });

  it("is enqueued exactly once per deal and recipient when two instances sweep at once, twice over", async () => {
    const db = tempDatabase();
    files.push(db.cleanup);
    const a = await newApp({ DATABASE_URL: db.url });
    const b = await newApp({ DATABASE_URL: db.url });
    const deals = [];
    for (let i = 0; i < 30; i++) deals.push(await scene(i % 2 ? a : b));
    a.advance(5 * 24 * HOUR + HOUR);
    const runs = await Promise.all([sweepEndingSoon(a.deps), sweepEndingSoon(b.deps), sweepEndingSoon(a.deps), sweepEndingSoon(b.deps)]);
    const again = await Promise.all([sweepEndingSoon(a.deps), sweepEndingSoon(b.deps)]);
    const reminded = runs.flatMap((r) => r.reminded);
    expect(reminded.length).toBe(30);
    expect(new Set(reminded).size).toBe(30);
    expect(again.flatMap((r) => r.reminded)).toEqual([]);
    const rows = await reminders(a);
    expect(rows.length).toBe(30 * 4);
    expect(new Set(rows.map((n) => `${n.dealId}:${n.userId}`)).size).toBe(30 * 4);
    console.log(`ending-soon: 30 deals x 4 recipients, 4 concurrent sweeps on 2 instances then 2 more: ${rows.length} notifications, ${reminded.length} deals marked`);
  });

  it("skips deals proposed with less than 48 hours to go, confirmed deals, and deals past their deadline", async () => {
    const app = await newApp();
    const ines = await app.createUser();
    const ada = await app.createUser();
    const { deal: short } = await app.createDeal({ initiator: ines, deadline: inHours(47) });
    await app.join(ada, short.id, 1);
    // Just over 48 hours from proposing is not "less than 48 hours": it gets one.
    const { deal: exact } = await app.createDeal({ initiator: ines, deadline: inHours(48.001) });
    const { deal: confirmed } = await app.createDeal({ initiator: ines, threshold: 1, deadline: inHours(72) });
    expect((await app.join(ada, confirmed.id, 1)).json.dealStatus).toBe("confirmed");
    const { deal: cancelled } = await app.createDeal({ initiator: ines, deadline: inHours(72) });
    expect((await app.api("POST", `/api/deals/${cancelled.id}/cancel`, { as: ines })).status).toBe(200);
    const { deal: missed } = await app.createDeal({ initiator: ines, deadline: inHours(72) });
    app.advance(30 * HOUR);
    const { reminded } = await sweepEndingSoon(app.deps);
    expect(reminded.sort()).toEqual([exact.id, missed.id].sort());
    // A deal whose 48 hours passed with no sweep at all, past its deadline, gets none.
    const { deal: late } = await app.createDeal({ initiator: ines, deadline: inHours(72) });
    app.advance(73 * HOUR);
    expect((await sweepEndingSoon(app.deps)).reminded).toEqual([]);
    expect((await reminders(app)).map((n) => n.dealId).sort()).toEqual([exact.id, missed.id].sort());
    expect(await reminders(app, late.id)).toEqual([]);
  });
});
