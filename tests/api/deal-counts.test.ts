// The deal's counts told apart (issue 16): participantCount counts everyone taking part, waitlisted
// included, and waitlistCount those on the waitlist, so a page can say "3 participants, 2 on the
// waitlist"; and the language a deal was proposed in, which its link preview speaks.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const read = async (dealId: string) => (await app.api("GET", `/api/deals/${dealId}`)).json.deal;

describe("the deal's participant counts", () => {
  it("counts the waitlisted apart, in every read and as the waitlist moves", async () => {
    const { deal } = await app.createDeal({ threshold: 2, capacity: 2, maxSeatsPerCommitment: 2 });
    expect(deal).toMatchObject({ participantCount: 0, waitlistCount: 0 });
    const ada = await app.createUser();
    const bo = await app.createUser();
    const cy = await app.createUser();
    await app.join(ada, deal.id, 1);
    const second = await app.join(bo, deal.id, 2);
    expect(second.json.commitment.status).toBe("waitlisted");
    expect(second.json.deal).toMatchObject({ participantCount: 2, waitlistCount: 1, seatsWaitlisted: 2 });
    await app.join(cy, deal.id, 2);
    expect(await read(deal.id)).toMatchObject({ participantCount: 3, waitlistCount: 2, seatsCommitted: 1 });

    // The lists say the same.
    const list = await app.api("GET", "/api/deals");
    expect(list.json.items.find((d: { id: string }) => d.id === deal.id)).toMatchObject({ participantCount: 3, waitlistCount: 2 });
    const mine = await app.api("GET", "/api/me/commitments", { as: cy });
    expect(mine.json.items[0].deal).toMatchObject({ waitlistCount: 2 });

    // Ada leaves: Bo's two seats fit now and leave the waitlist; Cy stays on it.
    expect((await app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: ada })).status).toBe(200);
    expect(await read(deal.id)).toMatchObject({ participantCount: 2, waitlistCount: 1, seatsCommitted: 2, status: "confirmed" });
  });
});

describe("the deal's language", () => {
  it("is the proposer's: the remembered choice, else the browser's first supported language, else English", async () => {
    const propose = async (headers: Record<string, string>) => {
      const initiator = await app.createUser();
      const cookie = [initiator.cookie, headers.cookie].filter(Boolean).join("; ");
      const res = await app.api("POST", "/api/deals", { body: app.dealInput(), headers: { ...headers, cookie } });
      expect(res.status).toBe(201);
      return res.json.deal.lang;
    };
    expect(await propose({ "accept-language": "de-AT,de;q=0.9" })).toBe("de");
    expect(await propose({ "accept-language": "fr, nl;q=0.5" })).toBe("nl");
    expect(await propose({ "accept-language": "de", cookie: "quorum_lang=nl" })).toBe("nl");
    expect(await propose({ "accept-language": "fr" })).toBe("en");
    expect(await propose({})).toBe("en");
  });
});
