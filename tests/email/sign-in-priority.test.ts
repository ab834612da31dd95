// Sign-in emails through the real Resend SDK to the fake: they go out ahead of bulk email (a
// sign-in asked for after a big fan-out is in the first batch, first), and one whose link has
// expired before it could be sent is dropped, never sent, its link erased.
import { describe, expect, it } from "vitest";
import { dealWithParticipants } from "../setup/factories.ts";
import { startResend } from "../setup/resend.ts";
import { drain, tagOf } from "./helpers.ts";

const TOKEN_TTL_MS = 10 * 60_000;

describe("sign-in emails in the outbox", () => {
  it("go out ahead of bulk email queued before them", async () => {
    const { fake, ...resend } = await startResend();
    const t = await resend.app();
    await t.built.background.stop();
    // 151 deal-confirmed emails wait in the outbox, more than one batch call takes.
    await dealWithParticipants(t, 150);
    expect(await t.deps.prisma.notification.count({ where: { state: "pending" } })).toBe(151);
    expect((await t.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } })).status).toBe(202);

    await drain(t);

    const calls = fake.calls();
    expect(calls.map((c) => c.emailCount)).toEqual([100, 52]);
    const delivered = fake.delivered();
    expect(delivered).toHaveLength(152);
    const first = delivered[0]!;
    expect([tagOf(first, "kind"), first.to[0], first.callSeq]).toEqual(["sign-in", "ada@example.com", calls[0]!.seq]);
    expect(delivered.filter((e) => tagOf(e, "kind") === "sign-in")).toHaveLength(1);
    // Sent, the link leaves the expiresAt index the claim reads for what waits.
    expect(await t.deps.prisma.notification.findFirstOrThrow({ where: { kind: "sign-in" } })).toMatchObject({ state: "sent", expiresAt: null });
  });

  it("are dropped, not sent, once their link has expired", async () => {
    // The provider refuses the first call (429: nothing was sent); the retry comes after the link
    // has expired. (A batch whose first call may have been accepted, a 5xx or a lost answer,
    // stays frozen and is resent whole under its key: see SECURITY.md.)
    const { fake, ...resend } = await startResend({ faults: { script: [429] } });
    const t = await resend.app();
    await t.built.background.stop();
    await t.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    await t.built.background.runNow();
    expect(fake.calls().map((c) => c.outcome)).toEqual(["fault"]);
    // Bulk email with no expiry, queued meanwhile, is still sent.
    await dealWithParticipants(t, 2);

    t.advance(TOKEN_TTL_MS + 1);
    await drain(t);

    expect(fake.delivered().map((e) => tagOf(e, "kind"))).toEqual(["deal-confirmed", "deal-confirmed", "deal-confirmed"]);
    const signIn = await t.deps.prisma.notification.findFirstOrThrow({ where: { kind: "sign-in" } });
    expect(signIn).toMatchObject({ state: "expired", payload: "{}", priority: 0, sentAt: null, expiresAt: null });
    // Another link asked for now goes out at once.
    await t.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    await drain(t);
    expect(fake.delivered().filter((e) => tagOf(e, "kind") === "sign-in")).toHaveLength(1);
  });
});
