/**
 * Proves the fake Stripe server behaves like Stripe for what Quorum calls, through the real
 * `stripe` SDK configured as Quorum configures it (fetch client, host/port/protocol), and proves
 * its webhook deliveries verify (or fail) in the SDK's own constructEvent.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startFakeStripe } from "./fake-stripe.ts";
import type { FakeStripe, FakeStripeOptions } from "./fake-stripe.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function start(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const fake = await startFakeStripe(opts);
  cleanups.push(() => fake.close());
  return fake;
}

function sdk(fake: FakeStripe, o: { key?: string; retries?: number } = {}): Stripe {
  return new Stripe(o.key ?? fake.secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: fake.protocol,
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: o.retries ?? 2,
  });
}

const nowS = (): number => Math.floor(Date.now() / 1000);

function checkout(over: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [{ quantity: 2, price_data: { currency: "eur", unit_amount: 29500, product_data: { name: "Lisbon charter, 12-16 May" } } }],
    success_url: "http://127.0.0.1:3000/deals/d1?paid={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1:3000/deals/d1",
    client_reference_id: "pay_1",
    metadata: { paymentId: "pay_1", dealId: "d1" },
    customer_email: "ada@example.com",
    expires_at: nowS() + 3600,
    ...over,
  };
}

/**
 * A response header. With the fetch client, `lastResponse` is the fetch Response, so its headers
 * are a `Headers` object although the SDK types them as a plain record.
 */
function header(res: Stripe.Response<object>, name: string): string | null {
  const headers: unknown = res.lastResponse.headers;
  return headers instanceof Headers ? headers.get(name) : ((headers as Record<string, string>)[name] ?? null);
}

/** What a caller gets back from a promise that should reject. */
async function failure(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error("expected the SDK call to fail");
}

/** A tiny webhook receiver: records raw bodies and signatures, answers `status`. */
async function receiver(status = 200): Promise<{ url: string; got: { body: string; signature: string }[] }> {
  const got: { body: string; signature: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => {
      got.push({ body, signature: String(req.headers["stripe-signature"]) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`, got };
}

describe("Checkout Sessions through the real SDK", () => {
  it("creates and retrieves a session in Stripe's shape", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const created = await stripe.checkout.sessions.create(checkout());

    expect(created).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: 59000,
      currency: "eur",
      client_reference_id: "pay_1",
      metadata: { paymentId: "pay_1", dealId: "d1" },
      customer_email: "ada@example.com",
      livemode: false,
    });
    expect(created.id).toMatch(/^cs_test_\w+$/);
    expect(created.url).toBe(`${fake.apiBase}/pay/${created.id}`);
    expect(created.created).toBeGreaterThanOrEqual(nowS() - 5);
    expect(created.lastResponse.requestId).toMatch(/^req_/);
    // The SDK's bracket encoding arrived as nested params.
    expect(fake.calls()[0]?.body).toMatchObject({
      line_items: [{ quantity: "2", price_data: { unit_amount: "29500", product_data: { name: "Lisbon charter, 12-16 May" } } }],
    });

    const again = await stripe.checkout.sessions.retrieve(created.id);
    expect(again.id).toBe(created.id);
    expect(again.amount_total).toBe(59000);
    expect(fake.sessions().map((s) => s.id)).toEqual([created.id]);
  });

  it("answers an unknown session with 404 resource_missing", async () => {
    const fake = await start();
    const err = await failure(sdk(fake).checkout.sessions.retrieve("cs_test_nope"));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("refuses a wrong secret key with StripeAuthenticationError", async () => {
    const fake = await start();
    const err = await failure(sdk(fake, { key: "sk_test_wrong_key_123456" }).checkout.sessions.create(checkout()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    expect(err.message).toMatch(/^Invalid API Key provided/);
    expect(fake.sessions()).toHaveLength(0);
  });

  it.each([
    ["a negative unit_amount", { line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: -1, product_data: { name: "x" } } }] }, "line_items[0][price_data][unit_amount]"],
    ["a fractional unit_amount", { line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 1.5, product_data: { name: "x" } } }] }, "line_items[0][price_data][unit_amount]"],
    ["an upper-case currency", { line_items: [{ quantity: 1, price_data: { currency: "EUR", unit_amount: 100, product_data: { name: "x" } } }] }, "line_items[0][price_data][currency]"],
    ["a zero quantity", { line_items: [{ quantity: 0, price_data: { currency: "eur", unit_amount: 100, product_data: { name: "x" } } }] }, "line_items[0][quantity]"],
    ["a product without a name", { line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 100, product_data: { name: "" } } }] }, "line_items[0][price_data][product_data][name]"],
    ["no line items", { line_items: undefined }, "line_items"],
    ["no success_url", { success_url: undefined }, "success_url"],
    ["an expiry 29 minutes ahead", { expires_at: nowS() + 29 * 60 }, "expires_at"],
    ["an expiry 25 hours ahead", { expires_at: nowS() + 25 * 3600 }, "expires_at"],
    ["a bad email", { customer_email: "not-an-email" }, "customer_email"],
    ["payment_method_types, gone since API 2026-09-30", { payment_method_types: ["card"] } as Partial<Stripe.Checkout.SessionCreateParams>, "payment_method_types"],
  ])("refuses %s with a 400 naming the param, and creates nothing", async (_, over, param) => {
    const fake = await start();
    const err = await failure(sdk(fake).checkout.sessions.create(checkout(over)));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param });
    expect(fake.sessions()).toHaveLength(0);
  });

  it("accepts expiries at 30 minutes and 24 hours, and a free session needs no payment", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    await stripe.checkout.sessions.create(checkout({ expires_at: nowS() + 30 * 60 + 60 }));
    await stripe.checkout.sessions.create(checkout({ expires_at: nowS() + 24 * 3600 - 60 }));
    const free = await stripe.checkout.sessions.create(
      checkout({ line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 0, product_data: { name: "x" } } }] }),
    );
    expect(free).toMatchObject({ amount_total: 0, payment_status: "no_payment_required" });
  });

  it("expires an open session once; a second expire is refused", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const { id } = await stripe.checkout.sessions.create(checkout());
    const expired = await stripe.checkout.sessions.expire(id);
    expect(expired).toMatchObject({ status: "expired", url: null, payment_status: "unpaid" });
    expect(fake.events().map((e) => e.type)).toEqual(["checkout.session.expired"]);
    const err = await failure(stripe.checkout.sessions.expire(id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(() => fake.complete(id)).toThrow(/expired/);
  });

  it("expires a session by the fake's clock at expires_at", async () => {
    let now = Date.now();
    const fake = await start({ now: () => now });
    const stripe = sdk(fake);
    const { id } = await stripe.checkout.sessions.create(checkout({ expires_at: Math.floor(now / 1000) + 3600 }));
    now += 3601_000;
    expect((await stripe.checkout.sessions.retrieve(id)).status).toBe("expired");
  });
});

describe("idempotency", () => {
  it("replays the same key and body: same session, one creation", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const first = await stripe.checkout.sessions.create(checkout(), { idempotencyKey: "payment-pay_1-1" });
    const second = await stripe.checkout.sessions.create(checkout({ expires_at: first.expires_at }), { idempotencyKey: "payment-pay_1-1" });

    expect(second.id).toBe(first.id);
    expect(header(second, "idempotent-replayed")).toBe("true");
    expect(second.lastResponse.idempotencyKey).toBe("payment-pay_1-1");
    expect(fake.sessions()).toHaveLength(1);
    expect(fake.calls().map((c) => [c.idempotencyKey, c.outcome])).toEqual([
      ["payment-pay_1-1", "ok"],
      ["payment-pay_1-1", "replayed"],
    ]);
  });

  it("refuses the same key with another body (StripeIdempotencyError) or on another endpoint", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const first = await stripe.checkout.sessions.create(checkout(), { idempotencyKey: "k-1" });
    const err = await failure(stripe.checkout.sessions.create(checkout({ client_reference_id: "pay_2" }), { idempotencyKey: "k-1" }));
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err).toMatchObject({ statusCode: 400, rawType: "idempotency_error" });
    const other = await failure(stripe.checkout.sessions.expire(first.id, {}, { idempotencyKey: "k-1" }));
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(fake.sessions()).toHaveLength(1);
  });

  it("does not save a validation failure: the corrected request may reuse the key", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    await failure(stripe.checkout.sessions.create(checkout({ success_url: "nope" }), { idempotencyKey: "k-2" }));
    const ok = await stripe.checkout.sessions.create(checkout(), { idempotencyKey: "k-2" });
    expect(ok.status).toBe("open");
  });

  it("forgets a key after 24 hours by the fake's clock", async () => {
    let now = Date.now();
    const fake = await start({ now: () => now });
    const stripe = sdk(fake);
    const params = checkout({ expires_at: undefined });
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: "k-3" });
    now += 24 * 3600_000 + 1000;
    const later = await stripe.checkout.sessions.create(params, { idempotencyKey: "k-3" });
    expect(later.id).not.toBe(first.id);
  });
});

describe("faults", () => {
  it("a 500 is retried by the SDK with the same Idempotency-Key, and yields one session", async () => {
    const fake = await start();
    fake.failNext(1, { status: 500 });
    const session = await sdk(fake).checkout.sessions.create(checkout());
    const posts = fake.calls();
    expect(posts.map((c) => c.outcome)).toEqual(["fault", "ok"]);
    expect(posts[0]?.idempotencyKey).toMatch(/^stripe-node-retry-/);
    expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey);
    expect(fake.sessions().map((s) => s.id)).toEqual([session.id]);
  });

  it("a 429 is not retried and surfaces as StripeRateLimitError", async () => {
    const fake = await start();
    fake.failNext(1, { status: 429 });
    const err = await failure(sdk(fake).checkout.sessions.create(checkout()));
    expect(err).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(fake.calls()).toHaveLength(1);
  });

  it("drop before: nothing happened, and the SDK's retry creates the one session", async () => {
    const fake = await start();
    fake.failNext(1, { drop: "before" });
    await sdk(fake).checkout.sessions.create(checkout());
    expect(fake.calls().map((c) => c.outcome)).toEqual(["dropped-before", "ok"]);
    expect(fake.sessions()).toHaveLength(1);
  });

  it("drop after: the session exists but the answer is lost; a retry with the same key gets it back", async () => {
    const fake = await start();
    const stripe = sdk(fake, { retries: 0 });
    fake.failNext(1, { drop: "after" });
    const lost = await failure(stripe.checkout.sessions.create(checkout(), { idempotencyKey: "pay_1-attempt-1" }));
    expect(lost).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [made] = fake.sessions();
    expect(fake.sessions()).toHaveLength(1);

    const again = await stripe.checkout.sessions.create(checkout({ expires_at: made?.expires_at }), { idempotencyKey: "pay_1-attempt-1" });
    expect(again.id).toBe(made?.id);
    expect(fake.calls().map((c) => c.outcome)).toEqual(["dropped-after", "replayed"]);
    expect(fake.sessions()).toHaveLength(1);
  });

  it("drop after, with the SDK's own retries: the caller never notices and there is one session", async () => {
    const fake = await start();
    fake.failNext(1, { drop: "after" });
    const session = await sdk(fake).checkout.sessions.create(checkout());
    expect(fake.calls().map((c) => c.outcome)).toEqual(["dropped-after", "replayed"]);
    expect(fake.sessions().map((s) => s.id)).toEqual([session.id]);
  });
});

describe("webhook deliveries", () => {
  it("delivers checkout.session.completed signed so that constructEvent and constructEventAsync accept it", async () => {
    const fake = await start();
    const hook = await receiver();
    const stripe = sdk(fake);
    const { id } = await stripe.checkout.sessions.create(checkout());
    fake.complete(id);

    expect(await fake.deliver("checkout.session.completed", id, { to: hook.url })).toBe(200);
    const [got] = hook.got;
    if (got === undefined) throw new Error("nothing delivered");
    expect(got.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    const event = stripe.webhooks.constructEvent(got.body, got.signature, fake.webhookSecret, 300);
    expect(event.type).toBe("checkout.session.completed");
    if (event.type !== "checkout.session.completed") throw new Error("wrong type");
    expect(event).toMatchObject({ object: "event", livemode: false, api_version: "2026-10-28.endive" });
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.object).toMatchObject({ id, status: "complete", payment_status: "paid", metadata: { paymentId: "pay_1" } });

    const viaSubtle = await stripe.webhooks.constructEventAsync(got.body, got.signature, fake.webhookSecret, 300, Stripe.createSubtleCryptoProvider());
    expect(viaSubtle.id).toBe(event.id);
    expect((await stripe.checkout.sessions.retrieve(id)).payment_status).toBe("paid");
  });

  it("redelivers the same event (same id) when asked for `times`, and reports the receiver's status", async () => {
    const fake = await start();
    const hook = await receiver(500);
    const { id } = await sdk(fake).checkout.sessions.create(checkout());
    fake.complete(id);
    expect(await fake.deliver("checkout.session.completed", id, { to: hook.url, times: 3 })).toBe(500);
    const ids = hook.got.map((g) => (JSON.parse(g.body) as { id: string }).id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(fake.deliveries().map((d) => d.status)).toEqual([500, 500, 500]);
  });

  it("async payments: completed with unpaid, then async_payment_succeeded or async_payment_failed", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const a = await stripe.checkout.sessions.create(checkout());
    const b = await stripe.checkout.sessions.create(checkout({ client_reference_id: "pay_2" }));
    expect(fake.complete(a.id, { async: true })).toMatchObject({ status: "complete", payment_status: "unpaid" });
    fake.complete(b.id, { async: true });
    expect(fake.asyncSucceed(a.id).payment_status).toBe("paid");
    expect(fake.asyncFail(b.id).payment_status).toBe("unpaid");
    expect(() => fake.asyncSucceed(a.id)).toThrow(/no pending async payment/);

    const byType = fake.events().map((e) => [e.type, e.data.object.id, e.data.object.payment_status]);
    expect(byType).toEqual([
      ["checkout.session.completed", a.id, "unpaid"],
      ["checkout.session.completed", b.id, "unpaid"],
      ["checkout.session.async_payment_succeeded", a.id, "paid"],
      ["checkout.session.async_payment_failed", b.id, "unpaid"],
    ]);
    const hook = await receiver();
    await fake.deliver("checkout.session.async_payment_succeeded", a.id, { to: hook.url });
    const event = stripe.webhooks.constructEvent(hook.got[0]?.body ?? "", hook.got[0]?.signature ?? "", fake.webhookSecret, 300);
    expect(event.type).toBe("checkout.session.async_payment_succeeded");
    await expect(fake.deliver("checkout.session.async_payment_failed", a.id, { to: hook.url })).rejects.toThrow(/no checkout.session.async_payment_failed event/);
  });

  it.each([
    ["a tampered body", { tamper: true }, "No signatures found matching"],
    ["another secret", { secret: "whsec_someone_else" }, "No signatures found matching"],
    ["a timestamp 6 minutes old", { timestamp: nowS() - 6 * 60 }, "Timestamp outside the tolerance zone"],
  ])("rejects %s in the SDK with StripeSignatureVerificationError", async (_, opts, message) => {
    const fake = await start();
    const hook = await receiver();
    const stripe = sdk(fake);
    const { id } = await stripe.checkout.sessions.create(checkout());
    fake.complete(id);
    await fake.deliver("checkout.session.completed", id, { to: hook.url, ...opts });
    const got = hook.got[0] ?? { body: "", signature: "" };
    const verify = (): unknown => stripe.webhooks.constructEvent(got.body, got.signature, fake.webhookSecret, 300);
    expect(verify).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(verify).toThrow(message);
    await expect(
      stripe.webhooks.constructEventAsync(got.body, got.signature, fake.webhookSecret, 300, Stripe.createSubtleCryptoProvider()),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
  });

  it("signedPayload builds a header/body pair the SDK accepts, at the given time", async () => {
    const fake = await start();
    const stripe = sdk(fake);
    const { id } = await stripe.checkout.sessions.create(checkout());
    fake.complete(id);
    const [event] = fake.events();
    if (event === undefined) throw new Error("no event");
    const t = nowS() - 4 * 60;
    const { body, header } = fake.signedPayload(event, { timestamp: t });
    expect(header.startsWith(`t=${t},v1=`)).toBe(true);
    expect(stripe.webhooks.constructEvent(body, header, fake.webhookSecret, 300).id).toBe(event.id);
    expect(body).toContain('\n  "id": "evt_');
  });
});

describe("the hosted checkout page", () => {
  it("pays on POST, delivers the webhook when configured, and redirects to success_url with the session id", async () => {
    const hook = await receiver();
    const fake = await start({ webhookUrl: hook.url });
    const session = await sdk(fake).checkout.sessions.create(checkout());
    const page = await fetch(session.url ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Pay 590.00 EUR");

    const paid = await fetch(session.url ?? "", { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://127.0.0.1:3000/deals/d1?paid=${session.id}`);
    expect(hook.got).toHaveLength(1);
    expect((await fetch(session.url ?? "")).status).toBe(404);
  });
});
