// The retention purge (DESIGN.md, "Safe by default"): sign-in links after 24 hours, expired
// sessions, the addresses and payloads of notifications sent more than 90 days ago, development
// mailbox copies after 7 days. Each is placed just past and just short of its period: the purge
// takes exactly the first and leaves the second, and the sweep runs it at most once an hour.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { clock } from "../../api/clock.ts";
import { purgeIfDue, purgePersonalData } from "../../api/users/purge-personal-data.ts";
import { RETENTION } from "../../api/contract/retention.ts";
import { SESSION_TTL_MS } from "../../api/auth/tokens.ts";
import { LIMITS } from "../../api/http/rate-limit.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => {
  clock.setOffset(0);
  return app.close();
});

const ago = (ms: number) => new Date(clock.nowMs() - ms);

async function seed() {
  const p = app.deps.prisma;
  const user = await app.createUser({ email: "keep@example.com" });
  for (const [id, age] of [["token-old", 24 * HOUR + 60_000], ["token-young", 24 * HOUR - 60_000]] as const) {
    await p.signInToken.create({ data: { id, email: "someone@example.com", expiresAt: ago(age - 600_000), createdAt: ago(age) } });
  }
  for (const [id, expiresIn] of [["session-expired", -1000], ["session-live", 60_000]] as const) {
    await p.session.create({ data: { id, userId: user.id, expiresAt: ago(-expiresIn), createdAt: ago(DAY) } });
  }
  const note = (key: string, over: Record<string, unknown>) =>
    p.notification.create({
      data: { key, kind: "deal-confirmed", userId: user.id, toEmail: `${key}@example.com`, payload: '{"seats":2}', createdAt: ago(100 * DAY), ...over },
    });
  await note("sent-old", { state: "sent", sentAt: ago(90 * DAY + 60_000) });
  await note("sent-young", { state: "sent", sentAt: ago(90 * DAY - 60_000) });
  await note("expired-old", { state: "expired", createdAt: ago(90 * DAY + 60_000) });
  await note("failed-young", { state: "failed", createdAt: ago(90 * DAY - 60_000) });
  // Never settled: still owed to its recipient, whatever its age.
  await note("pending-old", { state: "pending" });
  await p.notification.create({
    data: { key: "sign-in:abc:old@example.com", kind: "sign-in", toEmail: "old@example.com", payload: "{}", state: "sent", sentAt: ago(91 * DAY), createdAt: ago(91 * DAY) },
  });
  for (const [n, age] of [[1, 7 * DAY + 60_000], [2, 7 * DAY - 60_000]] as const) {
    await p.mailboxEmail.create({
      data: { notificationId: 1000 + n, kind: "sign-in", to: `mail${n}@example.com`, subject: "s", text: "t", html: "h", links: "[]", createdAt: ago(age) },
    });
  }
}

async function state() {
  const p = app.deps.prisma;
  return {
    tokens: (await p.signInToken.findMany({ orderBy: { id: "asc" } })).map((t) => t.id),
    sessions: (await p.session.findMany({ where: { id: { startsWith: "session-" } }, orderBy: { id: "asc" } })).map((s) => s.id),
    notifications: (await p.notification.findMany({ orderBy: { id: "asc" } })).map((n) => [n.key, n.toEmail, n.payload]),
    mailbox: (await p.mailboxEmail.findMany({ orderBy: { id: "asc" } })).map((m) => m.to),
  };
}

describe("the retention purge", () => {
  it("takes exactly what is past its period, and nothing younger", async () => {
    await seed();
    const purged = await purgePersonalData(app.deps);
    expect(purged).toEqual({ signInTokens: 1, sessions: 1, notifications: 3, mailbox: 1 });
    const after = await state();
    expect(after.tokens).toEqual(["token-young"]);
    expect(after.sessions).toEqual(["session-live"]);
    expect(after.notifications).toEqual([
      ["sent-old", "", "{}"],
      ["sent-young", "sent-young@example.com", '{"seats":2}'],
      ["expired-old", "", "{}"],
      ["failed-young", "failed-young@example.com", '{"seats":2}'],
      ["pending-old", "pending-old@example.com", '{"seats":2}'],
      [expect.stringMatching(/^erased:\d+$/), "", "{}"],
    ]);
    expect(after.mailbox).toEqual(["mail2@example.com"]);
    // Nothing more the second time.
    expect(await purgePersonalData(app.deps)).toEqual({ signInTokens: 0, sessions: 0, notifications: 0, mailbox: 0 });
  });

  it("erases a deleted member's notification that was on its way out when they left, once it is sent", async () => {
    const p = app.deps.prisma;
    const gone = await app.createUser({ email: "gone@example.com" });
    const ada = await app.createUser({ email: "ada@example.com" });
    // Claimed by a dispatcher at the moment of deletion, so the deletion left it; sent just after.
    await p.notification.create({
      data: { key: "in-flight", kind: "deal-confirmed", userId: gone.id, toEmail: "gone@example.com", payload: '{"seats":1}', state: "sending", createdAt: ago(HOUR) },
    });
    await p.notification.create({
      data: { key: "ada's", kind: "deal-confirmed", userId: ada.id, toEmail: "ada@example.com", payload: '{"seats":1}', state: "sent", sentAt: ago(0), createdAt: ago(HOUR) },
    });
    expect((await app.api("DELETE", "/api/me", { as: gone })).status).toBe(204);
    expect((await p.notification.findUniqueOrThrow({ where: { key: "in-flight" } })).toEmail).toBe("gone@example.com");
    await p.notification.update({ where: { key: "in-flight" }, data: { state: "sent", sentAt: clock.now() } });
    expect((await purgePersonalData(app.deps, { full: false })).notifications).toBe(1);
    expect(await p.notification.findUniqueOrThrow({ where: { key: "in-flight" } })).toMatchObject({ toEmail: "", payload: "{}" });
    expect((await p.notification.findUniqueOrThrow({ where: { key: "ada's" } })).toEmail).toBe("ada@example.com");
  });

  it("runs in the sweep at most once an hour, by the app's clock; later runs look at the last days only", async () => {
    await app.built.background.runNow();
    await seed();
    await app.built.background.runNow();
    expect((await state()).tokens).toEqual(["token-young", "token-old"].sort());
    app.advance(HOUR);
    await app.built.background.runNow();
    const after = await state();
    // An hour on, the young ones have come of age too: the link and the mailbox copy. (The
    // pending notification was sent meanwhile, just now: its copy and address stay.)
    expect(after.tokens).toEqual([]);
    expect(after.mailbox).toEqual(["pending-old@example.com"]);
    expect(after.notifications.map(([key, to]) => [key, to])).toEqual([
      ["sent-old", ""],
      ["sent-young", ""],
      ["expired-old", ""],
      ["failed-young", ""],
      ["pending-old", "pending-old@example.com"],
      [expect.stringMatching(/^erased:\d+$/), ""],
    ]);
    expect(await purgeIfDue(app.deps)).toBeNull();
  });

  it("states on /privacy the periods the code keeps to", () => {
    expect(RETENTION.sessionDays * DAY).toBe(SESSION_TTL_MS);
    expect(RETENTION.signInLimitMinutes * 60_000).toBe(LIMITS.signInPerEmail.windowMs);
    expect(RETENTION.signInLimitMinutes * 60_000).toBe(LIMITS.signInPerIp.windowMs);
  });
});
