// Shared setup for the email tests: an app whose outbox goes through the real Resend SDK to the
// fake Resend server, deals that confirm with many participants, and a drain loop that moves the
// clock past backoffs instead of sleeping.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { clock } from "../../api/clock.ts";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { DEFAULT_API_KEY, type DeliveredEmail, type FakeResend } from "../setup/fake-resend.ts";

export const SENDER = "Quorum <deals@quorum.example>";

export function resendEnv(fake: FakeResend, env: Record<string, string> = {}): Record<string, string> {
  return { RESEND_API_KEY: DEFAULT_API_KEY, RESEND_BASE_URL: fake.url, RESEND_MAX_RPS: "1000", MAIL_FROM: SENDER, ...env };
}

export function resendApp(fake: FakeResend, env: Record<string, string> = {}) {
  return createTestApp(resendEnv(fake, env));
}

/** A fresh SQLite file for tests that open it from two app instances; removed by `cleanup`. */
export function tempDatabase() {
  const path = join(tmpdir(), `quorum-email-${randomUUID()}.db`);
  return {
    url: `file:${path}`,
    cleanup: () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
    },
  };
}

type Users = Awaited<ReturnType<TestApp["createUser"]>>[];

/** A deal with `participants` one-seat participants; it confirms when the threshold is reached. */
export async function dealWithParticipants(
  t: TestApp,
  participants: number,
  over: Record<string, unknown> & { emailOf?: (i: number) => string | undefined } = {},
) {
  const { emailOf, ...dealOver } = over;
  const { deal, initiator } = await t.createDeal({ threshold: participants, ...dealOver });
  const users: Users = [];
  for (let i = 0; i < participants; i++) {
    const user = await t.createUser({ email: emailOf?.(i) });
    const res = await t.join(user, deal.id, 1);
    if (res.status !== 201) throw new Error(`join: ${res.status} ${res.text}`);
    users.push(user);
  }
  return { deal, initiator, users };
}

export async function unresolved(apps: TestApp[]) {
  const first = apps[0]!;
  const rows = await first.deps.prisma.notification.findMany({
    where: { state: { in: ["pending", "sending"] } },
    select: { nextAttemptAt: true, claimedUntil: true, state: true },
  });
  return rows;
}

/**
 * Runs the background work (sweep and dispatch) on every app at once, then moves the clock to
 * the next attempt, until no notification is pending. Returns the number of rounds.
 */
export async function drain(apps: TestApp | TestApp[], maxRounds = 300): Promise<number> {
  const list = Array.isArray(apps) ? apps : [apps];
  for (let round = 1; round <= maxRounds; round++) {
    await Promise.all(list.map((a) => a.built.background.runNow()));
    const rows = await unresolved(list);
    if (rows.length === 0) return round;
    const next = Math.min(
      ...rows.map((r) => (r.state === "sending" ? (r.claimedUntil?.getTime() ?? 0) : r.nextAttemptAt.getTime())),
    );
    const wait = next - clock.nowMs();
    if (wait > 0) list[0]!.advance(wait + 1);
  }
  throw new Error(`the outbox did not drain in ${maxRounds} rounds`);
}

export const tagOf = (e: DeliveredEmail, name: string) => e.tags.find((t) => t.name === name)?.value;

/** Delivered emails grouped by notification id and by (kind, deal, recipient). */
export async function duplicates(t: TestApp, delivered: DeliveredEmail[]) {
  const rows = await t.deps.prisma.notification.findMany({ select: { id: true, kind: true, dealId: true, toEmail: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const perNotification = new Map<number, number>();
  const perRecipient = new Map<string, number>();
  for (const e of delivered) {
    const id = Number(tagOf(e, "notification"));
    const n = byId.get(id);
    if (!n) throw new Error(`delivered an email for an unknown notification ${id}`);
    if (e.to[0] !== n.toEmail) throw new Error(`notification ${id} went to ${e.to[0]}, not ${n.toEmail}`);
    perNotification.set(id, (perNotification.get(id) ?? 0) + 1);
    const k = `${n.kind}|${n.dealId}|${n.toEmail}`;
    perRecipient.set(k, (perRecipient.get(k) ?? 0) + 1);
  }
  return {
    byNotification: [...perNotification.values()].filter((c) => c > 1).length,
    byKindDealRecipient: [...perRecipient.values()].reduce((s, c) => s + c - 1, 0),
    distinct: perRecipient.size,
  };
}
