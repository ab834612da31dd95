// Factories for the things most tests start from: a user with a session, a deal proposal, a deal
// (proposed over the API by its initiator), a join, and a deal with many participants. Built on a
// test app's own request helper and database; the harness puts them on every app and server.
import { clock } from "../../api/clock.ts";
import type { Deps } from "../../api/context.ts";
import { sessionCookieName } from "../../api/auth/session-cookie.ts";
import { newId } from "../../api/ids.ts";
import { createSession } from "./sessions.ts";

/** The harness's JSON request helper, as the factories call it; `join` answers what it answers. */
type Api<Answer> = (method: string, path: string, opts?: { as?: { cookie: string }; body?: unknown }) => Promise<Answer>;

export function factories<Answer extends { status: number; json: any; text: string }>(api: Api<Answer>, deps: Deps) {
  let n = 0;

  async function createUser(over: { email?: string; displayName?: string } = {}) {
    n++;
    const id = newId();
    const user = await deps.prisma.user.create({
      data: {
        id,
        email: over.email ?? `user${n}-${id}@example.com`,
        displayName: over.displayName ?? `User ${n}`,
        createdAt: clock.now(),
      },
    });
    const { sessionToken } = await createSession(deps, id);
    return { ...user, cookie: `${sessionCookieName(deps.config)}=${sessionToken}` };
  }
  type TestUser = Awaited<ReturnType<typeof createUser>>;

  function dealInput(over: Record<string, unknown> = {}) {
    const capacity = typeof over.capacity === "number" ? over.capacity : null;
    return {
      kind: "trip",
      title: "Charter to Lisbon",
      description: "Four days in May.",
      destination: "Lisbon",
      departsOn: "2027-05-12",
      returnsOn: "2027-05-16",
      // Free unless a test names a price: a priced deal asks its participants to pay at the tip.
      pricePerSeatCents: 0,
      currency: "EUR",
      threshold: 3,
      capacity: null,
      maxSeatsPerCommitment: capacity === null ? 10 : Math.min(10, capacity),
      deadline: new Date(clock.nowMs() + 7 * 24 * 3_600_000).toISOString(),
      ...over,
    };
  }

  async function createDeal(over: Record<string, unknown> & { initiator?: TestUser } = {}) {
    const { initiator: given, ...rest } = over;
    const initiator = given ?? (await createUser());
    const res = await api("POST", "/api/deals", { as: initiator, body: dealInput(rest) });
    if (res.status !== 201) throw new Error(`createDeal: ${res.status} ${res.text}`);
    return { deal: res.json.deal, initiator };
  }

  const join = (user: TestUser, dealId: string, seats = 1, optionIds?: string[]) =>
    api("POST", `/api/deals/${dealId}/commitments`, { as: user, body: optionIds ? { seats, optionIds } : { seats } });

  return { createUser, dealInput, createDeal, join };
}

type Factories = ReturnType<typeof factories<{ status: number; json: any; text: string }>>;
type TestUser = Awaited<ReturnType<Factories["createUser"]>>;

/** A deal with `participants` one-seat participants; it confirms when the threshold is reached. */
export async function dealWithParticipants(
  t: Factories,
  participants: number,
  over: Record<string, unknown> & { emailOf?: (i: number) => string | undefined } = {},
) {
  const { emailOf, ...dealOver } = over;
  const { deal, initiator } = await t.createDeal({ threshold: participants, ...dealOver });
  const users: TestUser[] = [];
  for (let i = 0; i < participants; i++) {
    const user = await t.createUser({ email: emailOf?.(i) });
    const res = await t.join(user, deal.id, 1);
    if (res.status !== 201) throw new Error(`join: ${res.status} ${res.text}`);
    users.push(user);
  }
  return { deal, initiator, users };
}
