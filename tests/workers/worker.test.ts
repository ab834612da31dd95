// The same app on Cloudflare Workers with D1, run locally under workerd by `wrangler dev`:
// the state machine, a flash crowd, and the scheduled handler sending to a fake Resend server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";
import { startFakeResend, type FakeResend } from "../setup/fake-resend.ts";
import { seededRandom } from "../setup/random.ts";
import { client, exchange, joinAll, signInAll } from "./client.ts";

const deadlineIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const DAY = 86_400_000;

describe("on Workers with D1, in development mode", () => {
  let worker: LocalWorker;
  let api: ReturnType<typeof client>;
  let n = 0;

  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development", RATE_LIMITS: "off", METRICS_TOKEN: "metrics-token-0123456789" });
    api = client(worker.url, worker.output);
  }, 90_000);
  afterAll(() => worker?.stop());

  const signIn = (count: number) => signInAll(api, Array.from({ length: count }, () => `w${++n}-${Date.now()}@example.com`));

  const propose = (as: { cookie: string }, over: Record<string, unknown>) =>
    api("POST", "/api/deals", {
      cookie: as.cookie,
      body: {
        kind: "deal",
        title: "Workers charter",
        pricePerSeatCents: 10000,
        threshold: 2,
        deadline: deadlineIn(DAY),
        ...over,
      },
    });

  it("runs the state machine: confirm once, waitlist, promote, bind, cancel, and honest deadlines", async () => {
    const [initiator, a, b, c, d] = await signIn(5);
    const deal = (await propose(initiator!, { threshold: 3, capacity: 4, maxSeatsPerCommitment: 4 })).json.deal;
    expect(deal.status).toBe("open");

    const ja = await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: a!.cookie, body: { seats: 1 } });
    expect(ja.status).toBe(201);
    expect(ja.json.commitment.status).toBe("active");
    expect((await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: a!.cookie, body: { seats: 1 } })).json.error.code).toBe("ALREADY_COMMITTED");
    const jb = await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: b!.cookie, body: { seats: 2 } });
    expect(jb.json).toMatchObject({ dealStatus: "confirmed", commitment: { status: "active" } });
    const jc = await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: c!.cookie, body: { seats: 2 } });
    expect(jc.json.commitment).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    // Confirmed: active seats are binding; a waitlisted place may always leave.
    expect((await api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { cookie: a!.cookie })).json.error.code).toBe("COMMITMENT_BINDING");
    expect((await api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { cookie: c!.cookie })).status).toBe(200);
    expect((await api("POST", `/api/deals/${deal.id}/cancel`, { cookie: initiator!.cookie })).json.error.code).toBe("DEAL_NOT_OPEN");

    await api("POST", "/api/dev/sweep");
    const mail = (await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string }[];
    const confirmed = mail.filter((m) => m.kind === "deal-confirmed" && [initiator, a, b].some((u) => u!.user.email === m.to));
    expect(confirmed.map((m) => m.to).sort()).toEqual([initiator!.user.email, a!.user.email, b!.user.email].sort());

    // Withdrawal before confirmation promotes the waitlist; cancel tells everyone.
    const open = (await propose(initiator!, { threshold: 4, capacity: 4, maxSeatsPerCommitment: 4 })).json.deal;
    await api("POST", `/api/deals/${open.id}/commitments`, { cookie: a!.cookie, body: { seats: 3 } });
    const w = await api("POST", `/api/deals/${open.id}/commitments`, { cookie: d!.cookie, body: { seats: 2 } });
    expect(w.json.commitment.status).toBe("waitlisted");
    expect((await api("DELETE", `/api/deals/${open.id}/commitments/mine`, { cookie: a!.cookie })).status).toBe(200);
    const after = (await api("GET", `/api/deals/${open.id}`, { cookie: d!.cookie })).json.deal;
    expect(after).toMatchObject({ seatsCommitted: 2, seatsWaitlisted: 0, viewerCommitment: { status: "active" } });
    expect((await api("POST", `/api/deals/${open.id}/cancel`, { cookie: initiator!.cookie })).json.deal.status).toBe("cancelled");
    expect((await api("POST", `/api/deals/${open.id}/commitments`, { cookie: b!.cookie, body: { seats: 1 } })).json.error.code).toBe("DEAL_CLOSED");

    // Time is honest: past the deadline, no commitment is taken before any sweep; the sweep fails it.
    const late = (await propose(initiator!, { threshold: 5, deadline: deadlineIn(60 * 60_000) })).json.deal;
    await api("POST", `/api/deals/${late.id}/commitments`, { cookie: a!.cookie, body: { seats: 1 } });
    await api("POST", "/api/dev/clock", { body: { offsetMs: 2 * 60 * 60_000 } });
    const refused = await api("POST", `/api/deals/${late.id}/commitments`, { cookie: b!.cookie, body: { seats: 1 } });
    expect(refused.json.error.code).toBe("DEAL_CLOSED");
    expect((await api("GET", `/api/deals/${late.id}`)).json.deal).toMatchObject({ status: "failed", joinable: false });
    const swept = await api("POST", "/api/dev/sweep");
    expect(swept.json.failed).toBeGreaterThanOrEqual(1);
    await api("POST", "/api/dev/clock", { body: { offsetMs: 0 } });
    const failedMail = ((await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string }[]).filter(
      (m) => m.kind === "deal-failed",
    );
    expect(failedMail.map((m) => m.to).sort()).toEqual([initiator!.user.email, a!.user.email].sort());
  }, 120_000);

  // Safe by default on D1: the initiator removes a participant; the waitlist moves up once, the
  // removed participant is told once, and nobody else may do it.
  it("removes a participant: initiator only, the waitlist promoted and the participant told once", async () => {
    const [initiator, a, b, c] = await signIn(4);
    const deal = (await propose(initiator!, { threshold: 5, capacity: 5, maxSeatsPerCommitment: 4 })).json.deal;
    const join = (u: { cookie: string }, seats: number) => api("POST", `/api/deals/${deal.id}/commitments`, { cookie: u.cookie, body: { seats } });
    await join(a!, 3);
    await join(b!, 1);
    expect((await join(c!, 2)).json.commitment.status).toBe("waitlisted");
    const items = (await api("GET", `/api/deals/${deal.id}/participants`, { cookie: initiator!.cookie })).json.items as { id: string; email: string }[];
    const adas = items.find((p) => p.email === a!.user.email)!.id;
    const path = `/api/deals/${deal.id}/commitments/${adas}`;

    expect((await api("DELETE", path)).status).toBe(401);
    expect((await api("DELETE", path, { cookie: b!.cookie })).json.error.code).toBe("FORBIDDEN");
    const [first, second] = await Promise.all([
      api("DELETE", path, { cookie: initiator!.cookie }),
      api("DELETE", path, { cookie: initiator!.cookie }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const after = (await api("GET", `/api/deals/${deal.id}`, { cookie: c!.cookie })).json.deal;
    expect(after).toMatchObject({ status: "open", seatsCommitted: 3, seatsWaitlisted: 0, viewerCommitment: { status: "active" } });

    await api("POST", "/api/dev/sweep");
    const mail = (await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string }[];
    expect(mail.filter((m) => m.kind === "commitment-removed").map((m) => m.to)).toEqual([a!.user.email]);
    expect(mail.filter((m) => m.kind === "waitlist-promoted" && m.to === c!.user.email)).toHaveLength(1);
  }, 120_000);

  // Growing the group on D1: an update emails participants and followers once, not the initiator;
  // the ending-soon sweep reminds everyone once, however often it runs.
  it("posts updates, follows, and sends the ending-soon reminder once", { timeout: 120_000 }, async () => {
    const [initiator, a, f, s] = await signIn(4);
    const deal = (await propose(initiator!, { title: "Growing on D1", threshold: 5, deadline: deadlineIn(3 * DAY) })).json.deal;
    expect((await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: a!.cookie, body: { seats: 1 } })).status).toBe(201);
    expect((await api("PUT", `/api/deals/${deal.id}/follow`, { cookie: f!.cookie })).json).toEqual({ following: true });
    expect((await api("PUT", `/api/deals/${deal.id}/follow`, { cookie: f!.cookie })).json).toEqual({ following: true });
    expect((await api("GET", `/api/deals/${deal.id}`, { cookie: f!.cookie })).json.deal.viewerFollowing).toBe(true);
    expect((await api("POST", `/api/deals/${deal.id}/updates`, { cookie: s!.cookie, body: { body: "not mine" } })).status).toBe(403);
    // The event stream, open before the post, sends the update live.
    const controller = new AbortController();
    const events = await fetch(`${worker.url}/api/deals/${deal.id}/events`, { signal: controller.signal });
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let streamed = "";
    const readUntil = async (seen: (text: string) => boolean) => {
      while (!seen(streamed)) {
        const { value, done } = await reader.read();
        if (done) break;
        streamed += value;
      }
    };
    // The room has this watcher once its first snapshot arrived: post only then, or the update
    // can be published before the watcher joins the room, and never reach it.
    await Promise.race([readUntil((text) => /\ndata: /.test(text) && text.includes("\n\n")), new Promise((r) => setTimeout(r, 15_000))]);
    // The whole frame, up to its blank line: a chunk can end in the middle of it.
    const live = readUntil((text) => /event: update\ndata: .*\n\n/.test(text)).catch(() => undefined);
    const posted = await api("POST", `/api/deals/${deal.id}/updates`, { cookie: initiator!.cookie, body: { body: "Slot confirmed" } });
    expect(posted.status).toBe(201);
    // Under a loaded machine workerd can take a few seconds to relay the room's frame.
    await Promise.race([live, new Promise((r) => setTimeout(r, 15_000))]);
    controller.abort();
    const data = /event: update\ndata: (.*)\n/.exec(streamed)?.[1];
    const roomLog = () => worker.output().split("\n").filter((l) => /room|"warn"|"error"/i.test(l)).slice(-8).join("\n");
    const roomStats = data ? "" : await (await fetch(`${worker.url}/api/dev/rooms/${deal.id}`)).text();
    expect(data && JSON.parse(data), `stream ${events.status}: ${streamed.slice(0, 200)} … ${JSON.stringify(streamed.slice(-160))}\nroom: ${roomStats}\nworker log: ${roomLog()}`).toEqual({ update: posted.json.update });
    expect((await api("GET", `/api/deals/${deal.id}/updates`)).json.items).toEqual([posted.json.update]);

    const mailOf = async (kind: string) => {
      await api("POST", "/api/dev/sweep");
      const items = (await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string; text: string }[];
      return items.filter((m) => m.kind === kind && m.text.includes("Growing on D1")).map((m) => m.to).sort();
    };
    expect(await mailOf("deal-update")).toEqual([a!.user.email, f!.user.email].sort());

    // 26 hours on, the deadline is less than 48 hours away: one reminder each, even after two sweeps.
    await api("POST", "/api/dev/clock", { body: { offsetMs: 26 * 3_600_000 } });
    try {
      await Promise.all([api("POST", "/api/dev/sweep"), api("POST", "/api/dev/sweep")]);
      expect(await mailOf("deal-ending-soon")).toEqual([initiator!.user.email, a!.user.email, f!.user.email].sort());
    } finally {
      await api("POST", "/api/dev/clock", { body: { offsetMs: 0 } });
    }
  });

  it("edits with locked terms, hides unlisted deals, and runs grace to a confirmation on D1", async () => {
    const [initiator, a, b, c] = await signIn(4);
    // Terms lock at the first commitment; a raised capacity promotes the waitlist.
    const edited = (await propose(initiator!, { threshold: 3, capacity: 3, maxSeatsPerCommitment: 3 })).json.deal;
    expect((await api("PATCH", `/api/deals/${edited.id}`, { cookie: initiator!.cookie, body: { title: "Workers charter, edited" } })).status).toBe(200);
    await api("POST", `/api/deals/${edited.id}/commitments`, { cookie: a!.cookie, body: { seats: 2 } });
    expect((await api("POST", `/api/deals/${edited.id}/commitments`, { cookie: b!.cookie, body: { seats: 2 } })).json.commitment.status).toBe("waitlisted");
    const locked = await api("PATCH", `/api/deals/${edited.id}`, { cookie: initiator!.cookie, body: { description: "x", pricePerSeatCents: 1 } });
    expect(locked.json.error.code).toBe("TERMS_LOCKED");
    const raised = await api("PATCH", `/api/deals/${edited.id}`, { cookie: initiator!.cookie, body: { capacity: 4 } });
    expect(raised.json.deal).toMatchObject({ capacity: 4, seatsCommitted: 4, status: "confirmed", description: "" });

    // An unlisted deal is in no list.
    const hidden = (await propose(initiator!, { visibility: "unlisted" })).json.deal;
    const listed = (await api("GET", "/api/deals?limit=50")).json.items.map((d: { id: string }) => d.id);
    expect(listed).not.toContain(hidden.id);
    expect((await api("GET", `/api/deals/${hidden.id}`)).json.deal.visibility).toBe("unlisted");

    // Grace: the deadline passes at the soft threshold; the initiator goes ahead; grace ends confirmed.
    const soft = (await propose(initiator!, { threshold: 4, softThreshold: 2, deadline: deadlineIn(60 * 60_000) })).json.deal;
    await api("POST", `/api/deals/${soft.id}/commitments`, { cookie: a!.cookie, body: { seats: 1 } });
    await api("POST", `/api/deals/${soft.id}/commitments`, { cookie: c!.cookie, body: { seats: 1 } });
    await api("POST", "/api/dev/clock", { body: { offsetMs: 2 * 60 * 60_000 } });
    expect((await api("GET", `/api/deals/${soft.id}`)).json.deal.status).toBe("grace");
    await Promise.all([api("POST", "/api/dev/sweep"), api("POST", "/api/dev/sweep")]);
    const grace = (await api("GET", `/api/deals/${soft.id}`)).json.deal;
    expect(grace).toMatchObject({ status: "grace", joinable: false });
    expect(Date.parse(grace.graceEndsAt) - Date.parse(grace.deadline)).toBe(5 * DAY);
    expect((await api("POST", `/api/deals/${soft.id}/go-ahead`, { cookie: a!.cookie, body: { message: "Go" } })).status).toBe(403);
    expect((await api("POST", `/api/deals/${soft.id}/go-ahead`, { cookie: initiator!.cookie, body: { message: "We fly." } })).status).toBe(200);
    expect((await api("POST", `/api/deals/${soft.id}/go-ahead`, { cookie: initiator!.cookie, body: { message: "Again" } })).json.error.code).toBe(
      "ALREADY_DECIDED",
    );
    await api("POST", "/api/dev/clock", { body: { offsetMs: 6 * DAY } });
    expect((await api("GET", `/api/deals/${soft.id}`)).json.deal.status).toBe("confirmed");
    expect((await api("DELETE", `/api/deals/${soft.id}/commitments/mine`, { cookie: a!.cookie })).json.error.code).toBe("COMMITMENT_BINDING");
    await Promise.all([api("POST", "/api/dev/sweep"), api("POST", "/api/dev/sweep")]);
    await api("POST", "/api/dev/sweep");
    await api("POST", "/api/dev/clock", { body: { offsetMs: 0 } });
    const mail = ((await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.to === a!.user.email || m.to === c!.user.email || m.to === initiator!.user.email,
    );
    const of = (kind: string) => mail.filter((m) => m.kind === kind && m.subject.includes("Workers charter") && !m.subject.includes("edited")).map((m) => m.to);
    const everyone = [initiator!.user.email, a!.user.email, c!.user.email].sort();
    expect(of("deal-grace").sort()).toEqual(everyone);
    expect(of("deal-update").sort()).toEqual([a!.user.email, c!.user.email].sort());
    const confirmedSoft = mail.filter((m) => m.kind === "deal-confirmed" && m.to === c!.user.email);
    expect(confirmedSoft).toHaveLength(1);
  }, 120_000);

  it("leaves /metrics off even with METRICS_TOKEN, answers health {ok}, and echoes a request id", async () => {
    const metrics = await fetch(`${worker.url}/metrics`, { headers: { authorization: "Bearer metrics-token-0123456789" } });
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain("quorum_");
    const health = await fetch(`${worker.url}/api/health`, { headers: { "x-request-id": "from-the-client" } });
    expect(await health.json()).toEqual({ ok: true });
    // Nobody's X-Request-Id is believed on Workers: the id is made up, and echoed.
    expect(health.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the static pages with the same security headers as the API", async () => {
    for (const path of ["/", "/sign-in", "/api/health"]) {
      const res = await fetch(worker.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-security-policy"), path).toContain("object-src 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });

  it("200 simultaneous joins on capacity 50: exactly 50 active, confirmed once, one confirmation each", async () => {
    const [initiator, ...users] = await signIn(201);
    const deal = (await propose(initiator!, { threshold: 20, capacity: 50, maxSeatsPerCommitment: 1 })).json.deal;
    const { answers } = await joinAll(api, deal.id, users, () => ({ seats: 1 }));
    const bad = answers.filter((a) => a.status !== 201);
    if (bad.length) console.log(bad.length, JSON.stringify(bad.slice(0, 3).map((a) => [a.status, a.json])), worker.output().slice(-3000));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const active = answers.filter((a) => a.json.commitment.status === "active");
    expect(active).toHaveLength(50);
    expect(answers.filter((a) => a.json.commitment.status === "waitlisted")).toHaveLength(150);
    const read = (await api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(read).toMatchObject({ status: "confirmed", seatsCommitted: 50, seatsWaitlisted: 150, participantCount: 200 });

    await api("POST", "/api/dev/sweep");
    const mail = ((await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.kind === "deal-confirmed" && m.subject.includes("Workers charter"),
    );
    const activeEmails = new Set(users.filter((_, i) => answers[i]!.json.commitment.status === "active").map((u) => u.user.email));
    const recipients = mail.map((m) => m.to).filter((to) => activeEmails.has(to) || to === initiator!.user.email);
    expect(recipients).toHaveLength(51);
    expect(new Set(recipients).size).toBe(51);
  }, 180_000);

  // co-creation: options under concurrency on D1
  it("200 simultaneous joins with random subsets of 3 options: per-option capacity, one winner, the released told once", async () => {
    const [initiator, ...users] = await signIn(201);
    const options = [{ label: "May" }, { label: "June" }, { label: "July" }];
    const deal = (await propose(initiator!, { title: "Workers options", threshold: 30, capacity: 40, maxSeatsPerCommitment: 1, options })).json.deal;
    const ids: string[] = deal.options.map((o: { id: string }) => o.id);
    const rand = seededRandom(2026);
    const choices = users.map(() => {
      const picked = ids.filter(() => rand() < 0.5);
      return picked.length ? picked : [ids[Math.floor(rand() * 3)]!];
    });
    const { answers, again } = await joinAll(api, deal.id, users, (i) => ({ seats: 1, optionIds: choices[i] }));
    const bad = answers.filter((a) => a.status !== 201);
    if (bad.length) console.log(bad.length, JSON.stringify(bad.slice(0, 3).map((a) => [a.status, a.json])), worker.output().slice(-2000));
    const read = (await api("GET", `/api/deals/${deal.id}`)).json.deal;
    expect(read.status).toBe("confirmed");
    const winner = read.options.find((o: { id: string }) => o.id === read.winningOptionId);
    expect(winner.seatsCommitted).toBeGreaterThanOrEqual(30);
    for (const o of read.options) expect(o.seatsCommitted).toBeLessThanOrEqual(40);
    for (const o of read.options) if (o.id !== winner.id) expect(o.seatsCommitted).toBeLessThan(30);
    // Refused only after the win, and only for a choice without the winner.
    for (const [i, a] of answers.entries()) if (a.status !== 201) expect([a.status, choices[i]!.includes(winner.id)]).toEqual([400, false]);
    const joined = users.filter((_, i) => answers[i]!.status === 201);
    const mine = await Promise.all(joined.map((u) => api("GET", `/api/deals/${deal.id}`, { cookie: u.cookie })));
    const releasedEmails = joined.filter((_, i) => mine[i]!.json.deal.viewerCommitment.status === "released").map((u) => u.user.email).sort();
    for (const [i, m] of mine.entries()) {
      const chose = answers[users.indexOf(joined[i]!)]!.json.commitment.optionIds as string[];
      expect(m.json.deal.viewerCommitment.status === "released").toBe(!chose.includes(winner.id));
    }
    const active = mine.filter((m) => m.json.deal.viewerCommitment?.status === "active").length;
    expect(active).toBe(read.seatsCommitted);
    await api("POST", "/api/dev/sweep");
    const mail = ((await api("GET", "/api/dev/mailbox?limit=500")).json.items as { kind: string; to: string; subject: string }[]).filter(
      (m) => m.kind === "option-released" && m.subject.includes("Workers options"),
    );
    expect(mail.map((m) => m.to).sort()).toEqual(releasedEmails);
    console.log("D1 options", JSON.stringify({ joins: 200, triedAgainAfter503: again, refused: answers.length - joined.length, winner: winner.label, winnerActive: winner.seatsCommitted, released: releasedEmails.length, optionReleasedEmails: mail.length }));
  }, 180_000);
});

describe("on Workers with D1, sending through Resend", () => {
  let worker: LocalWorker;
  let fake: FakeResend;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    fake = await startFakeResend({ rateLimitPerSecond: 1000 });
    worker = await startLocalWorker({
      NODE_ENV: "production",
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      RESEND_MAX_RPS: "100",
      MAIL_FROM: "Quorum <deals@quorum.test>",
    }, { assets: false });
    api = client(worker.url, worker.output);
  }, 90_000);
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
  });

  async function signInThroughResend(email: string) {
    expect((await api("POST", "/api/auth/email", { body: { email } })).status).toBe(202);
    const start = Date.now();
    for (;;) {
      const sent = fake.delivered().find((e) => e.to.includes(email));
      if (sent) return exchange(api, /token=([\w-]+)/.exec(sent.text ?? "")![1]!);
      if (Date.now() - start > 10_000) throw new Error(`no sign-in email for ${email}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("the scheduled handler fails an expired deal and sends deal-failed to everyone through Resend", async () => {
    const initiator = await signInThroughResend("initiator@workers.example");
    const joiners = [await signInThroughResend("one@workers.example"), await signInThroughResend("two@workers.example")];
    const deal = (
      await api("POST", "/api/deals", {
        cookie: initiator.cookie,
        body: { title: "Expiring on D1", pricePerSeatCents: 500, threshold: 10, deadline: deadlineIn(DAY) },
      })
    ).json.deal;
    for (const j of joiners) {
      expect((await api("POST", `/api/deals/${deal.id}/commitments`, { cookie: j.cookie, body: { seats: 1 } })).status).toBe(201);
    }
    // The deadline passes (set in the local D1: production mode has no development clock).
    worker.d1(`UPDATE "Deal" SET "deadline" = '${new Date(Date.now() - 1000).toISOString().replace("Z", "+00:00")}' WHERE "id" = '${deal.id}'`);
    expect((await api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("failed");

    const res = await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`);
    if (res.status !== 200) console.log(await res.text(), worker.output().slice(-3000));
    expect(res.status).toBe(200);
    const start = Date.now();
    const failedTo = () => fake.delivered().filter((e) => e.subject.includes("Expiring on D1")).flatMap((e) => e.to);
    while (failedTo().length < 3 && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 100));
    if (failedTo().length < 3) console.log(worker.output());
    expect(failedTo().sort()).toEqual(["initiator@workers.example", "one@workers.example", "two@workers.example"]);
    expect((await api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("failed");
    // A second run sends nothing again.
    await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(failedTo()).toHaveLength(3);
  }, 120_000);
});
