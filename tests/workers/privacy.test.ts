// The privacy routes on Workers with D1, under workerd by `wrangler dev`: the export is a download
// of the caller's own data; deleting the account withdraws the active seats (the waitlist is
// promoted), ends the sessions, shows "Former member" on the deal the person proposed, erases the
// address from the development mailbox, and a later sign-in with it is a fresh account. Then the
// sweep's retention purge drops mailbox copies older than 7 days.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";

describe("export and delete on Workers with D1", () => {
  let worker: LocalWorker;
  const call = (method: string, path: string, { body, cookie }: { body?: unknown; cookie?: string } = {}) =>
    fetch(worker.url + path, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const mailbox = async (email: string) =>
    (await (await call("GET", `/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()).items as { kind: string; links: string[] }[];

  async function signIn(email: string): Promise<{ cookie: string; id: string }> {
    expect((await call("POST", "/api/auth/email", { body: { email } })).status).toBe(202);
    for (let attempt = 0; attempt < 40; attempt++) {
      await call("POST", "/api/dev/sweep");
      const link = (await mailbox(email))[0]?.links.find((l) => l.includes("/auth/callback?token="));
      if (link) {
        const res = await call("POST", "/api/auth/callback", { body: { token: new URL(link).searchParams.get("token") } });
        expect(res.status).toBe(200);
        return { cookie: res.headers.get("set-cookie")!.split(";")[0]!, id: (await res.json()).user.id };
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no sign-in link for ${email}`);
  }

  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development" });
  }, 90_000);
  afterAll(() => worker?.stop());

  it("exports the caller's own data, deletes the account, and purges old mailbox copies", async () => {
    const ada = await signIn("ada@workers.example");
    const bob = await signIn("bob@workers.example");
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const propose = async (who: { cookie: string }, title: string, threshold: number, capacity: number | null) => {
      const res = await call("POST", "/api/deals", {
        cookie: who.cookie,
        body: { kind: "deal", title, description: "On Workers.", pricePerSeatCents: 1000, currency: "EUR", threshold, capacity, maxSeatsPerCommitment: 2, deadline },
      });
      expect(res.status).toBe(201);
      return (await res.json()).deal.id as string;
    };
    const bobsDeal = await propose(bob, "Bob's trip", 3, 3);
    const adasDeal = await propose(ada, "Ada's confirmed deal", 1, null);
    expect((await call("POST", `/api/deals/${bobsDeal}/commitments`, { cookie: ada.cookie, body: { seats: 2 } })).status).toBe(201);
    const bobWaits = await call("POST", `/api/deals/${bobsDeal}/commitments`, { cookie: bob.cookie, body: { seats: 2 } });
    expect((await bobWaits.json()).commitment.status).toBe("waitlisted");
    const tip = await call("POST", `/api/deals/${adasDeal}/commitments`, { cookie: bob.cookie, body: { seats: 1 } });
    expect((await tip.json()).dealStatus).toBe("confirmed");

    const exported = await call("GET", `/api/me/export?userId=${bob.id}`, { cookie: ada.cookie });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="quorum-my-data-/);
    const data = await exported.json();
    expect(data.user).toMatchObject({ id: ada.id, email: "ada@workers.example" });
    expect(data.commitments.map((c: { deal: { id: string }; seats: number }) => [c.deal.id, c.seats])).toEqual([[bobsDeal, 2]]);
    expect(data.dealsProposed.map((d: { id: string }) => d.id)).toEqual([adasDeal]);
    expect(JSON.stringify(data)).not.toContain("bob@workers.example");

    const deleted = await call("DELETE", `/api/me?userId=${bob.id}`, { cookie: ada.cookie });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("set-cookie")).toMatch(/^quorum_session=; Max-Age=0/);
    expect((await call("GET", "/api/me", { cookie: ada.cookie })).status).toBe(401);
    // Bob was promoted into the freed seats; Ada's confirmed deal stays, under the pseudonym.
    const mine = (await (await call("GET", "/api/me/commitments", { cookie: bob.cookie })).json()).items as { deal: { id: string }; status: string }[];
    expect(mine.find((c) => c.deal.id === bobsDeal)?.status).toBe("active");
    const kept = await (await call("GET", `/api/deals/${adasDeal}`)).json();
    expect(kept.deal.status).toBe("confirmed");
    expect(JSON.stringify(kept)).toContain("Former member");
    expect(await mailbox("ada@workers.example")).toEqual([]);

    const again = await signIn("ada@workers.example");
    expect(again.id).not.toBe(ada.id);

    // Eight days on, the sweep's purge has dropped every mailbox copy older than 7 days (the sign-in
    // link's; what the sweep itself sends at that moment, the deal's failure, is new).
    const kinds = async () => (await mailbox("bob@workers.example")).map((m) => m.kind);
    expect(await kinds()).toContain("sign-in");
    expect((await call("POST", "/api/dev/clock", { body: { offsetMs: 8 * 86_400_000 } })).status).toBe(200);
    expect((await call("POST", "/api/dev/sweep")).status).toBe(200);
    expect(await kinds()).not.toContain("sign-in");
  }, 180_000);
});
