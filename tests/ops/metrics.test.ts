// GET /metrics (DESIGN.md "Running it"): who may read it, and whether its figures are true. After
// a scripted run (joins of each outcome, a confirmation, a withdrawal that promotes and confirms,
// sign-ins, a dispatch, an open event stream) every counter and gauge agrees with the database.
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";

const TOKEN = "metrics-token-0123456789";
const auth = { authorization: `Bearer ${TOKEN}` };
let app: TestApp | undefined;
afterEach(() => app?.close());

/** The value of one sample: `name{labels} value`, labels in prom-client's order. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("GET /metrics access", () => {
  it("is 404 when METRICS_TOKEN is unset, even with a token", async () => {
    app = await createTestApp();
    expect((await app.api("GET", "/metrics")).status).toBe(404);
    expect((await app.api("GET", "/metrics", { headers: auth })).status).toBe(404);
  });

  it("is 401 without the token or with a wrong one, and 200 Prometheus text with it", async () => {
    app = await createTestApp({ METRICS_TOKEN: TOKEN });
    for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong-token-0123456789" }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }]) {
      const res = await app.api("GET", "/metrics", { headers });
      expect(res.status).toBe(401);
      expect(res.text).not.toContain("quorum_");
    }
    const res = await app.api("GET", "/metrics", { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain("# TYPE quorum_http_requests_total counter");
    expect(res.text).toContain("# TYPE quorum_http_request_duration_seconds histogram");
  });
});

describe("the figures after a scripted run", () => {
  it("agree with the database", async () => {
    const server = await startTestServer({ METRICS_TOKEN: TOKEN });
    try {
      const [ines, ada, bob, cy, dee] = await Promise.all(
        ["ines", "ada", "bob", "cy", "dee"].map((n) => server.createUser({ email: `${n}@example.com` })),
      );
      // threshold 3, capacity 3: ada 2 active, bob 2 waitlisted, cy 1 active confirms; ada again is refused.
      const { deal } = await server.createDeal({ initiator: ines!, threshold: 3, capacity: 3, maxSeatsPerCommitment: 2 });
      expect((await server.join(ada!, deal.id, 2)).json.commitment.status).toBe("active");
      expect((await server.join(bob!, deal.id, 2)).json.commitment.status).toBe("waitlisted");
      expect((await server.join(ada!, deal.id, 1)).status).toBe(409);
      expect((await server.join(dee!, deal.id, 5)).status).toBe(400);
      expect((await server.join(cy!, deal.id, 1)).json.dealStatus).toBe("confirmed");
      // A second deal confirmed by a withdrawal: ada's 2 active seats leave, bob's 3 are promoted and confirm it.
      const { deal: second } = await server.createDeal({ initiator: ines!, threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 });
      await server.join(ada!, second.id, 2);
      expect((await server.join(bob!, second.id, 3)).json.commitment.status).toBe("waitlisted");
      expect((await server.api("DELETE", `/api/deals/${second.id}/commitments/mine`, { as: ada! })).status).toBe(200);
      expect((await server.api("GET", `/api/deals/${second.id}`)).json.deal.status).toBe("confirmed");
      await server.api("POST", "/api/auth/email", { body: { email: "new@example.com" } });
      const disconnect = new AbortController();
      const stream = await fetch(`${server.url}/api/deals/${deal.id}/events`, { signal: disconnect.signal });
      const reader = stream.body!.getReader();
      await reader.read();

      // State changes kick the dispatcher as they go; this run sends whatever is left.
      const scraped = async () => (await server.api("GET", "/metrics", { headers: auth })).text;
      await server.built.background.runNow();
      const text = await scraped();

      const { prisma } = server.deps;
      const commitments = await prisma.commitment.findMany();
      // Every commitment row came from one join: those still waitlisted or promoted since joined
      // the waitlist; the rest (withdrawn ones too, here) joined active.
      const waitlisted = commitments.filter((c) => c.status === "waitlisted" || c.promotedAt).length;
      const joined = { active: commitments.length - waitlisted, waitlisted };
      expect(sample(text, "quorum_joins_total", 'outcome="active"')).toBe(joined.active);
      expect(sample(text, "quorum_joins_total", 'outcome="waitlisted"')).toBe(joined.waitlisted);
      expect(sample(text, "quorum_joins_total", 'outcome="refused"')).toBe(2);
      const confirmed = await prisma.deal.count({ where: { status: "confirmed" } });
      expect(confirmed).toBe(2);
      expect(sample(text, "quorum_deal_confirmations_total")).toBe(confirmed);
      expect(sample(text, "quorum_deals", 'status="confirmed"')).toBe(confirmed);
      const signIns = await prisma.signInToken.count();
      expect(sample(text, "quorum_sign_in_emails_total")).toBe(signIns);

      const byKindState = await prisma.notification.groupBy({ by: ["kind", "state"], _count: true });
      expect(byKindState.length).toBeGreaterThan(1);
      for (const g of byKindState) {
        expect(sample(text, "quorum_notifications", `kind="${g.kind}",state="${g.state}"`)).toBe(g._count);
      }
      expect(byKindState.every((g) => g.state === "sent")).toBe(true);
      expect(sample(text, "quorum_notifications_oldest_pending_age_seconds")).toBe(0);
      expect(sample(text, "quorum_event_streams_open")).toBe(1);
      const [{ bytes }] = server.built.db.raw.prepare("SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()").all() as [{ bytes: number }];
      expect(sample(text, "quorum_database_size_bytes")).toBe(Number(bytes));
      const joins201 = sample(text, "quorum_http_requests_total", 'method="POST",route="/api/deals/:id/commitments",status="201"');
      expect(joins201).toBe(joined.active + joined.waitlisted);
      expect(sample(text, "quorum_http_request_duration_seconds_count", 'route="/api/deals/:id/commitments",status="409"')).toBe(1);

      disconnect.abort();
      await reader.read().catch(() => undefined);
      await expect.poll(async () => sample(await scraped(), "quorum_event_streams_open"), { timeout: 20_000 }).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("ages the oldest pending notification", async () => {
    app = await createTestApp({ METRICS_TOKEN: TOKEN });
    await app.built.background.stop();
    await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } });
    app.advance(11 * 60_000);
    const text = (await app.api("GET", "/metrics", { headers: auth })).text;
    expect(sample(text, "quorum_notifications_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(660);
    expect(sample(text, "quorum_notifications", 'kind="sign-in",state="pending"')).toBe(1);
  });
});
