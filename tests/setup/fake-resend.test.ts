/**
 * Proves the fake Resend server through the real `resend` SDK (no mocks):
 * every request below goes SDK → fetch → 127.0.0.1 → fake.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Resend } from "resend";
import type { CreateBatchOptions, CreateEmailOptions } from "resend";
import { DEFAULT_API_KEY, startFakeResend } from "./fake-resend.ts";
import type { FakeResend, FakeResendOptions } from "./fake-resend.ts";

const FROM = "Quorum <deals@quorum.test>";
const NETWORK_ERROR = {
  name: "application_error",
  statusCode: null,
  message: "Unable to fetch data. The request could not be resolved.",
};

let fake: FakeResend | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

/** A fresh fake per test; rate limit high unless the test is about it. */
async function start(options: FakeResendOptions = {}): Promise<{ fake: FakeResend; resend: Resend }> {
  fake = await startFakeResend({ rateLimitPerSecond: 1000, ...options });
  return { fake, resend: new Resend(options.apiKey ?? DEFAULT_API_KEY, { baseUrl: fake.url }) };
}

function email(to: string, n = 0): CreateEmailOptions {
  return { from: FROM, to, subject: `Deal #${n}`, html: `<p>deal ${n}</p>`, text: `deal ${n}` };
}

function batch(count: number, makeTo: (i: number) => string = (i) => `user${i}@example.com`): CreateBatchOptions {
  return Array.from({ length: count }, (_, i) => ({
    from: FROM,
    to: makeTo(i),
    subject: `Deal #${i}`,
    text: `deal ${i}`,
  }));
}

describe("fake Resend through the real SDK", () => {
  it("sends a single email: data {id}, headers exposed as a plain object, delivery recorded", async () => {
    const { fake, resend } = await start();
    const result = await resend.emails.send({
      from: FROM,
      to: ["ada@example.com", "Bob <bob@example.com>"],
      cc: "carol@example.com",
      replyTo: "reply@quorum.test",
      subject: "Your deal is on",
      html: "<p>It happened</p>",
      text: "It happened",
      headers: { "X-Entity-Ref-ID": "deal-1" },
      tags: [{ name: "kind", value: "deal_reached" }],
    });

    expect(result.error).toBeNull();
    expect(result.data).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // headers: Object.fromEntries(response.headers) — lower-case names, string values
    expect(result.headers).toMatchObject({
      "ratelimit-limit": "1000",
      "ratelimit-remaining": "999",
      "ratelimit-reset": "1",
    });

    const [sent] = fake.delivered();
    expect(fake.delivered()).toHaveLength(1);
    expect(sent).toMatchObject({
      id: result.data?.id,
      path: "/emails",
      batchIndex: null,
      from: FROM,
      to: ["ada@example.com", "Bob <bob@example.com>"],
      cc: ["carol@example.com"],
      replyTo: ["reply@quorum.test"],
      subject: "Your deal is on",
      html: "<p>It happened</p>",
      text: "It happened",
      headers: { "X-Entity-Ref-ID": "deal-1" },
      tags: [{ name: "kind", value: "deal_reached" }],
      idempotencyKey: null,
      hasAttachments: false,
    });

    const [call] = fake.calls();
    expect(call).toMatchObject({
      method: "POST",
      path: "/emails",
      status: 200,
      outcome: "ok",
      emailCount: 1,
      deliveredCount: 1,
      idempotencyKey: null,
    });
    expect(call?.requestHeaders["authorization"]).toBe(`Bearer ${DEFAULT_API_KEY}`);
    expect(call?.requestHeaders["user-agent"]).toBe("resend-node:6.38.0");
    // the SDK maps camelCase to the API's snake_case
    expect(call?.body).toMatchObject({ reply_to: "reply@quorum.test" });
  });

  it("single send with attachments records them", async () => {
    const { fake, resend } = await start();
    const result = await resend.emails.send({
      ...email("ada@example.com"),
      attachments: [{ filename: "ticket.txt", content: Buffer.from("hello") }],
    });
    expect(result.error).toBeNull();
    expect(fake.delivered()[0]).toMatchObject({ hasAttachments: true, attachmentCount: 1 });
    // binary content is sent base64-encoded
    expect(fake.calls()[0]?.body).toMatchObject({ attachments: [{ filename: "ticket.txt", content: "aGVsbG8=" }] });
  });

  it("sends a batch: data is { data: [{ id }] } (double nesting), ids match deliveries in order", async () => {
    const { fake, resend } = await start();
    const result = await resend.batch.send(batch(3));

    expect(result.error).toBeNull();
    const ids = result.data?.data.map((d) => d.id) ?? [];
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(result.data).not.toHaveProperty("errors");

    const sent = fake.delivered();
    expect(sent.map((e) => e.id)).toEqual(ids);
    expect(sent.map((e) => e.batchIndex)).toEqual([0, 1, 2]);
    expect(sent.map((e) => e.to)).toEqual([["user0@example.com"], ["user1@example.com"], ["user2@example.com"]]);
    // the SDK always sends x-batch-validation, "strict" by default
    expect(fake.calls()[0]).toMatchObject({
      path: "/emails/batch",
      batchValidation: "strict",
      emailCount: 3,
      deliveredCount: 3,
    });
  });

  it("batch: attachments are not in the SDK type but are forwarded at runtime; the fake flags them", async () => {
    const { fake, resend } = await start();
    const withAttachment = [
      { ...email("ada@example.com", 1), attachments: [{ filename: "a.txt", content: "aGk=" }] },
      email("bob@example.com", 2),
    ] as unknown as CreateBatchOptions;
    const result = await resend.batch.send(withAttachment);
    expect(result.error).toBeNull();
    expect(fake.delivered().map((e) => e.hasAttachments)).toEqual([true, false]);
  });

  describe("authentication", () => {
    it("wrong key → 401 invalid_api_key (error body verbatim, headers present)", async () => {
      const { fake } = await start();
      const resend = new Resend("re_wrong", { baseUrl: fake.url });
      const result = await resend.emails.send(email("ada@example.com"));
      expect(result.data).toBeNull();
      expect(result.error).toEqual({ statusCode: 401, name: "invalid_api_key", message: "API key is invalid." });
      expect(result.headers?.["ratelimit-limit"]).toBe("1000");
      expect(fake.delivered()).toHaveLength(0);
      expect(fake.calls()[0]).toMatchObject({ status: 401, outcome: "unauthorized" });
    });

    it("wrong key → 403 when configured like Resend's documentation", async () => {
      const { fake } = await start({ invalidKeyStatus: 403 });
      const result = await new Resend("re_wrong", { baseUrl: fake.url }).batch.send(batch(1));
      expect(result.error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    });

    it("missing Authorization → 401 missing_api_key", async () => {
      const { fake, resend } = await start();
      // the SDK lets request headers override its own
      const result = await resend.emails.send(email("ada@example.com"), { headers: { Authorization: "" } });
      expect(result.error).toEqual({
        statusCode: 401,
        name: "missing_api_key",
        message: "Missing API key in the authorization header.",
      });
      expect(fake.delivered()).toHaveLength(0);
    });

    it("the SDK constructor throws without any key (its only throw)", () => {
      vi.stubEnv("RESEND_API_KEY", "");
      expect(() => new Resend(undefined, { baseUrl: "http://127.0.0.1:1" })).toThrow(/Missing API key/);
    });

    it("RESEND_BASE_URL is honoured when baseUrl is not given", async () => {
      const { fake } = await start();
      vi.stubEnv("RESEND_BASE_URL", fake.url);
      const result = await new Resend(DEFAULT_API_KEY).emails.send(email("ada@example.com"));
      expect(result.error).toBeNull();
      expect(fake.delivered()).toHaveLength(1);
    });
  });

  describe("validation", () => {
    it("refuses 101 emails with 422 in Resend's error shape, accepts 100", async () => {
      const { fake, resend } = await start();
      const tooMany = await resend.batch.send(batch(101));
      expect(tooMany.data).toBeNull();
      expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(tooMany.error?.message).toMatch(/100/);
      expect(fake.delivered()).toHaveLength(0);

      const max = await resend.batch.send(batch(100));
      expect(max.error).toBeNull();
      expect(max.data?.data).toHaveLength(100);
      expect(fake.delivered()).toHaveLength(100);
    });

    it("single send: missing subject, malformed and rejected addresses → 422, nothing sent", async () => {
      const { fake, resend } = await start({ rejectAddresses: ["Gone@Example.com"] });

      const noSubject = await resend.emails.send({ from: FROM, to: "ada@example.com", subject: "", text: "x" });
      expect(noSubject.error).toMatchObject({ statusCode: 422, name: "missing_required_field" });

      const noBody = await resend.emails.send({ from: FROM, to: "ada@example.com", subject: "s" } as CreateEmailOptions);
      expect(noBody.error).toMatchObject({ statusCode: 422, name: "missing_required_field" });

      const malformed = await resend.emails.send(email("not-an-address"));
      expect(malformed.error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(malformed.error?.message).toMatch(/Invalid `to` field/);

      const rejected = await resend.emails.send(email("Gone <gone@example.com>"));
      expect(rejected.error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(rejected.error?.message).toMatch(/gone@example\.com/);

      expect(fake.delivered()).toHaveLength(0);
      expect(fake.calls().map((c) => c.status)).toEqual([422, 422, 422, 422]);
    });

    it("strict batch: one bad address fails the whole batch", async () => {
      const { fake, resend } = await start();
      const result = await resend.batch.send(batch(3, (i) => (i === 1 ? "broken@" : `user${i}@example.com`)));
      expect(result.data).toBeNull();
      expect(result.error).toMatchObject({ statusCode: 422, name: "validation_error" });
      expect(result.error?.message).toMatch(/^emails\[1\]: Invalid `to` field/);
      expect(fake.delivered()).toHaveLength(0);
    });

    it("permissive batch: valid emails sent, bad ones listed in errors with their index", async () => {
      const { fake, resend } = await start({ rejectAddresses: ["bounced@example.com"] });
      fake.rejectAddresses("gone@example.com");
      const emails = batch(5, (i) =>
        i === 1 ? "broken@" : i === 3 ? "bounced@example.com" : i === 4 ? "gone@example.com" : `user${i}@example.com`,
      );
      const result = await resend.batch.send(emails, { batchValidation: "permissive" });

      expect(result.error).toBeNull();
      expect(result.data?.data).toHaveLength(2);
      expect(result.data?.errors).toEqual([
        { index: 1, message: expect.stringMatching(/Invalid `to` field/) },
        { index: 3, message: expect.stringMatching(/bounced@example\.com/) },
        { index: 4, message: expect.stringMatching(/gone@example\.com/) },
      ]);
      const sent = fake.delivered();
      expect(sent.map((e) => e.batchIndex)).toEqual([0, 2]);
      expect(sent.map((e) => e.id)).toEqual(result.data?.data.map((d) => d.id));
      expect(fake.calls()[0]).toMatchObject({ batchValidation: "permissive", emailCount: 5, deliveredCount: 2 });
    });

    it("permissive batch where every email is bad: 200 with empty data", async () => {
      const { fake, resend } = await start();
      const result = await resend.batch.send(batch(2, () => "nope"), { batchValidation: "permissive" });
      expect(result.error).toBeNull();
      expect(result.data).toEqual({ data: [], errors: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 1 })] });
      expect(fake.delivered()).toHaveLength(0);
    });
  });

  describe("idempotency keys", () => {
    it("same key + same payload replays the first response without sending again", async () => {
      const { fake, resend } = await start();
      const first = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "deal-1/ada" });
      const again = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "deal-1/ada" });

      expect(first.error).toBeNull();
      expect(again.error).toBeNull();
      expect(again.data).toEqual(first.data);
      expect(fake.delivered()).toHaveLength(1);
      expect(fake.delivered()[0]?.idempotencyKey).toBe("deal-1/ada");
      expect(fake.calls().map((c) => c.outcome)).toEqual(["ok", "replayed"]);
      expect(fake.calls()[1]).toMatchObject({ idempotencyKey: "deal-1/ada", deliveredCount: 0, status: 200 });
    });

    it("same key + different payload → 409 invalid_idempotent_request", async () => {
      const { fake, resend } = await start();
      await resend.emails.send(email("ada@example.com", 1), { idempotencyKey: "k1" });
      const clash = await resend.emails.send(email("ada@example.com", 2), { idempotencyKey: "k1" });
      expect(clash.data).toBeNull();
      expect(clash.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
      expect(fake.delivered()).toHaveLength(1);

      // same key on the other endpoint is a different request too
      const otherPath = await resend.batch.send([email("ada@example.com", 1)], { idempotencyKey: "k1" });
      expect(otherPath.error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    });

    it("batch replay returns the same ids; keys survive until reset()", async () => {
      const { fake, resend } = await start();
      const first = await resend.batch.send(batch(3), { idempotencyKey: "batch-7" });
      const again = await resend.batch.send(batch(3), { idempotencyKey: "batch-7" });
      expect(again.data).toEqual(first.data);
      expect(fake.delivered()).toHaveLength(3);

      fake.reset({ keepIdempotencyKeys: true });
      expect(fake.delivered()).toHaveLength(0);
      const afterSoftReset = await resend.batch.send(batch(3), { idempotencyKey: "batch-7" });
      expect(afterSoftReset.data).toEqual(first.data);
      expect(fake.delivered()).toHaveLength(0);

      fake.reset();
      const afterReset = await resend.batch.send(batch(3), { idempotencyKey: "batch-7" });
      expect(afterReset.data?.data).toHaveLength(3);
      expect(afterReset.data).not.toEqual(first.data);
      expect(fake.delivered()).toHaveLength(3);
    });

    it("a refused request is not remembered: fix the payload and retry with the same key", async () => {
      const { fake, resend } = await start();
      const bad = await resend.emails.send(email("broken@"), { idempotencyKey: "k" });
      expect(bad.error?.statusCode).toBe(422);
      const good = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "k" });
      expect(good.error).toBeNull();
      expect(fake.delivered()).toHaveLength(1);
    });

    it("a key longer than 256 chars → 400 invalid_idempotency_key", async () => {
      const { resend } = await start();
      const result = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "x".repeat(257) });
      expect(result.error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
    });

    it("same key while the first request is still in flight → 409 concurrent_idempotent_requests", async () => {
      const { fake, resend } = await start({ faults: { latencyMs: 300 } });
      const firstPromise = resend.emails.send(email("ada@example.com"), { idempotencyKey: "slow" });
      await fake.waitForDelivered(1);
      const second = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "slow" });
      const first = await firstPromise;
      expect(first.error).toBeNull();
      expect(second.error).toMatchObject({ statusCode: 409, name: "concurrent_idempotent_requests" });
      expect(fake.delivered()).toHaveLength(1);
    });
  });

  describe("rate limit", () => {
    it("default 5/s: headers count down, 6th call → 429 rate_limit_exceeded with retry-after; window slides", async () => {
      fake = await startFakeResend();
      const resend = new Resend(DEFAULT_API_KEY, { baseUrl: fake.url });

      const results = [];
      for (let i = 0; i < 6; i++) results.push(await resend.emails.send(email(`u${i}@example.com`, i)));

      expect(results.slice(0, 5).map((r) => r.error)).toEqual([null, null, null, null, null]);
      expect(results.map((r) => r.headers?.["ratelimit-limit"])).toEqual(["5", "5", "5", "5", "5", "5"]);
      expect(results.map((r) => r.headers?.["ratelimit-remaining"])).toEqual(["4", "3", "2", "1", "0", "0"]);

      const limited = results[5];
      expect(limited?.data).toBeNull();
      expect(limited?.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(limited?.headers?.["retry-after"]).toBe("1");
      expect(limited?.headers?.["ratelimit-reset"]).toBe("1");
      expect(fake.delivered()).toHaveLength(5);
      expect(fake.calls()[5]).toMatchObject({ status: 429, outcome: "rate-limited", deliveredCount: 0 });

      // a 429 does not use up the window: after retry-after the next call goes through
      await new Promise((r) => setTimeout(r, 1050));
      const later = await resend.emails.send(email("late@example.com"));
      expect(later.error).toBeNull();
      expect(later.headers?.["ratelimit-remaining"]).toBe("4");
      expect(fake.delivered()).toHaveLength(6);
    });

    it("configurable limit and setRateLimit", async () => {
      const { fake, resend } = await start({ rateLimitPerSecond: 2 });
      await resend.emails.send(email("a@example.com"));
      await resend.emails.send(email("b@example.com"));
      expect((await resend.emails.send(email("c@example.com"))).error?.statusCode).toBe(429);
      fake.setRateLimit(10);
      const ok = await resend.emails.send(email("c@example.com"));
      expect(ok.error).toBeNull();
      expect(ok.headers?.["ratelimit-limit"]).toBe("10");
    });
  });

  describe("fault injection", () => {
    it("scripted failures: 500, 429 (+retry-after: 1), 503 answer without sending", async () => {
      const { fake, resend } = await start();
      fake.setFaults({ script: [500, 429, 503] });
      const r500 = await resend.emails.send(email("a@example.com"));
      const r429 = await resend.emails.send(email("a@example.com"));
      const r503 = await resend.emails.send(email("a@example.com"));
      const ok = await resend.emails.send(email("a@example.com"));

      expect(r500.error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
      expect(r429.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
      expect(r429.headers?.["retry-after"]).toBe("1");
      expect(r503.error).toMatchObject({ statusCode: 503, name: "application_error" });
      expect(r500.headers?.["ratelimit-limit"]).toBe("1000");
      expect(ok.error).toBeNull();
      expect(fake.delivered()).toHaveLength(1);
      expect(fake.calls().map((c) => c.outcome)).toEqual(["fault", "fault", "fault", "ok"]);
    });

    it("drop before send: SDK reports statusCode null, headers null; nothing delivered", async () => {
      const { fake, resend } = await start({ faults: { script: ["drop-before-send"] } });
      const result = await resend.batch.send(batch(2), { idempotencyKey: "b1" });
      expect(result).toEqual({ data: null, error: NETWORK_ERROR, headers: null });
      expect(fake.delivered()).toHaveLength(0);
      // undici does not silently retry the POST
      expect(fake.calls()).toHaveLength(1);
      expect(fake.calls()[0]).toMatchObject({ status: null, outcome: "dropped-before-send" });

      const retry = await resend.batch.send(batch(2), { idempotencyKey: "b1" });
      expect(retry.error).toBeNull();
      expect(fake.delivered()).toHaveLength(2);
    });

    it("lost response (drop after send): same error for the client, but the emails went out; an idempotent retry does not send twice", async () => {
      const { fake, resend } = await start({ faults: { script: ["drop-after-send"] } });
      const lost = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "welcome/ada" });
      expect(lost).toEqual({ data: null, error: NETWORK_ERROR, headers: null });
      expect(fake.delivered()).toHaveLength(1);
      expect(fake.calls()[0]).toMatchObject({ status: null, outcome: "dropped-after-send", deliveredCount: 1 });

      const retry = await resend.emails.send(email("ada@example.com"), { idempotencyKey: "welcome/ada" });
      expect(retry.error).toBeNull();
      expect(retry.data?.id).toBe(fake.delivered()[0]?.id);
      expect(fake.delivered()).toHaveLength(1);
      expect(fake.calls()[1]?.outcome).toBe("replayed");

      // without a key the same situation yields a duplicate
      fake.setFaults({ script: ["drop-after-send"] });
      await resend.emails.send(email("bob@example.com"));
      await resend.emails.send(email("bob@example.com"));
      expect(fake.delivered().filter((e) => e.to[0] === "bob@example.com")).toHaveLength(2);
    });

    it("seeded random faults are reproducible and consistent with deliveries", async () => {
      const faults = { failRate: 0.3, dropRate: 0.2, dropPhase: "either", seed: 42 } as const;
      const run = async (): Promise<{ outcomes: string[]; fake: FakeResend }> => {
        const f = await startFakeResend({ rateLimitPerSecond: 1000, faults });
        const resend = new Resend(DEFAULT_API_KEY, { baseUrl: f.url });
        const outcomes: string[] = [];
        for (let i = 0; i < 60; i++) {
          const r = await resend.emails.send(email(`u${i}@example.com`, i));
          outcomes.push(r.error === null ? "ok" : String(r.error.statusCode));
          if (r.error?.statusCode === 429) expect(r.headers?.["retry-after"]).toBe("1");
        }
        return { outcomes, fake: f };
      };
      const a = await run();
      const b = await run();
      try {
        expect(b.outcomes).toEqual(a.outcomes);
        const counts = new Map<string, number>();
        for (const o of a.outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
        expect([...counts.keys()].sort()).toEqual(["429", "500", "503", "null", "ok"]);
        expect(counts.get("ok")).toBeGreaterThan(15);

        const calls = a.fake.calls();
        const okCount = counts.get("ok") ?? 0;
        const lost = calls.filter((c) => c.outcome === "dropped-after-send").length;
        expect(calls.filter((c) => c.outcome === "dropped-before-send").length).toBeGreaterThan(0);
        expect(lost).toBeGreaterThan(0);
        // every "ok" delivered one email; every lost response delivered one the client never heard of
        expect(a.fake.delivered()).toHaveLength(okCount + lost);
      } finally {
        await a.fake.close();
        await b.fake.close();
      }
    });

    it("setFaults(null) clears faults; reset() restores the start options", async () => {
      const { fake, resend } = await start({ faults: { failRate: 1, statuses: [500] } });
      expect((await resend.emails.send(email("a@example.com"))).error?.statusCode).toBe(500);
      fake.setFaults(null);
      expect((await resend.emails.send(email("a@example.com"))).error).toBeNull();
      fake.reset();
      expect(fake.calls()).toHaveLength(0);
      expect((await resend.emails.send(email("a@example.com"))).error?.statusCode).toBe(500);
    });

    it("an abort via signal is swallowed by the SDK: same statusCode-null error", async () => {
      const { fake, resend } = await start({ faults: { latencyMs: 1000 } });
      const result = await resend.emails.send(email("ada@example.com"), { signal: AbortSignal.timeout(200) });
      expect(result).toEqual({ data: null, error: NETWORK_ERROR, headers: null });
      // the fake had already accepted it: the outcome is unknown to the client
      expect(fake.delivered()).toHaveLength(1);
    });
  });

  describe("helpers", () => {
    it("waitForDelivered resolves once N emails are delivered, rejects on timeout", async () => {
      const { fake, resend } = await start();
      const waiting = fake.waitForDelivered(3, { timeoutMs: 2000 });
      void resend.batch.send(batch(2));
      void resend.emails.send(email("c@example.com"));
      await expect(waiting).resolves.toHaveLength(3);

      await expect(fake.waitForDelivered(4, { timeoutMs: 50 })).rejects.toThrow(/timed out after 50 ms/);
    });

    it("state is a live view of calls and deliveries", async () => {
      const { fake, resend } = await start();
      await resend.emails.send(email("a@example.com"));
      expect(fake.state.calls).toHaveLength(1);
      expect(fake.state.delivered).toHaveLength(1);
      expect(fake.state.calls[0]?.at).toBeTypeOf("number");
      fake.reset();
      expect(fake.state.calls).toHaveLength(0);
    });

    it("unknown routes get 404 not_found", async () => {
      const { resend } = await start();
      const result = await resend.emails.get("00000000-0000-0000-0000-000000000000");
      expect(result.error).toMatchObject({ statusCode: 404, name: "not_found" });
    });
  });
});
