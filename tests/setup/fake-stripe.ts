/**
 * Fake Stripe API for tests: Checkout Sessions in Stripe's wire format on 127.0.0.1, driven by the
 * real `stripe` SDK, plus signed webhook deliveries (fake-stripe-events.ts). Stripe itself is not
 * reachable from here.
 *
 * What stripe@23.1.0 does on the wire (node_modules/stripe/esm, API version 2026-10-28.endive):
 *  - `new Stripe(key, { host, port, protocol: "http", httpClient: Stripe.createFetchHttpClient(),
 *    maxNetworkRetries })` sends `${protocol}://${host}:${port}/v1/...`. Unknown config keys throw.
 *  - POST bodies are form-encoded with brackets: `line_items[0][price_data][unit_amount]=29500`,
 *    `metadata[k]=v`; GET params go in the query string. Headers: `Authorization: Bearer <key>`,
 *    `Stripe-Version`, and on every POST an `Idempotency-Key` (`stripe-node-retry-<uuid>` unless
 *    given), which is reused by the SDK's own retries.
 *  - Retries (default 2): after a network error, a 409, any status >= 500, or `Stripe-Should-Retry:
 *    true`; never after 400/401/402/403/404/429. Delay 0.5 s doubling, max 5 s, with jitter.
 *  - Errors by status: 400/404 → StripeInvalidRequestError, or StripeIdempotencyError when
 *    `type: "idempotency_error"`; 401 → StripeAuthenticationError; 402 → StripeCardError;
 *    403 → StripePermissionError; 429 → StripeRateLimitError; else StripeAPIError; no answer →
 *    StripeConnectionError. Classes live on `Stripe.errors`.
 *  - 23.0.0 removed `payment_method_types` from Checkout Session create; `allowed_payment_method_types`
 *    replaces it. The fake answers `payment_method_types` with "Received unknown parameter".
 *
 * Stripe rules kept here: keys live 24 h (by the fake's clock); a result is saved only once the
 * endpoint has run, so validation errors and injected faults are not replayed; same key with other
 * parameters or another endpoint → 400 idempotency_error. Stripe documents the error `type` as one
 * of api_error, card_error, idempotency_error, invalid_request_error, so a bad key is 401
 * `invalid_request_error` (the SDK's StripeAuthenticationError comes from the status).
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type Stripe from "stripe";
import { buildEvent, postEvent, signEvent, stripeId, tamperedBody } from "./fake-stripe-events.ts";
import type { CheckoutEvent, CheckoutEventType, DeliverOptions, DeliveryRecord, SignOptions, SignedPayload } from "./fake-stripe-events.ts";

export type { CheckoutEvent, CheckoutEventType, DeliverOptions, DeliveryRecord, SignOptions, SignedPayload };

export interface FakeStripeOptions {
  secretKey?: string;
  webhookSecret?: string;
  /** The fake's clock in ms (default Date.now): expiry windows, idempotency age, event times. */
  now?: () => number;
  /** When set, paying on the fake's checkout page delivers checkout.session.completed here. */
  webhookUrl?: string;
}

export type Fault = { status: number } | { drop: "before" | "after" };

export interface FakeStripeCall {
  method: string;
  path: string;
  idempotencyKey: string | null;
  /** The form (or query) parameters, parsed from bracket notation. */
  body: Record<string, unknown>;
  /** Status answered; null when the socket was dropped. */
  status: number | null;
  outcome: "ok" | "error" | "replayed" | "fault" | "dropped-before" | "dropped-after";
}

export interface FakeStripe {
  apiBase: string;
  host: string;
  port: number;
  protocol: "http";
  secretKey: string;
  webhookSecret: string;
  sessions(): Stripe.Checkout.Session[];
  calls(): FakeStripeCall[];
  events(): CheckoutEvent[];
  deliveries(): DeliveryRecord[];
  /** The customer pays; `async` leaves payment_status unpaid until asyncSucceed/asyncFail. */
  complete(sessionId: string, opts?: { async?: boolean }): Stripe.Checkout.Session;
  asyncSucceed(sessionId: string): Stripe.Checkout.Session;
  asyncFail(sessionId: string): Stripe.Checkout.Session;
  /** POSTs the session's stored event of that type; resolves to the receiver's last status. */
  deliver(type: CheckoutEventType, sessionId: string, opts: DeliverOptions): Promise<number>;
  signedPayload(event: CheckoutEvent, opts?: SignOptions): SignedPayload;
  /** The next n API requests fail this way. */
  failNext(n: number, fault: Fault): void;
  close(): Promise<void>;
}

const API_VERSION = "2026-10-28.endive";
const KEY_TTL_S = 24 * 60 * 60;
const LOCALES = new Set(
  "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split(" "),
);
const CREATE_PARAMS = [
  "mode", "line_items", "success_url", "cancel_url", "client_reference_id", "metadata",
  "customer_email", "expires_at", "allowed_payment_method_types", "locale",
];

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
  }
  body(): { error: Record<string, string> } {
    return { error: { type: this.extra.type ?? "invalid_request_error", message: this.message, ...this.extra } };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `a[b][0][c]=v` → { a: { b: [ { c: "v" } ] } }, as Stripe reads the SDK's encoding. */
export function parseForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const path = m?.[1] === undefined ? [key] : [m[1], ...[...(m[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] ?? "")];
    let node = root;
    path.forEach((seg, i) => {
      if (i === path.length - 1) return void (node[seg] = value);
      const next = node[seg];
      node = isRecord(next) ? next : (node[seg] = {});
    });
  }
  const arrays = (v: unknown): unknown => {
    if (!isRecord(v)) return v;
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => +a - +b).map((k) => arrays(v[k]));
    return Object.fromEntries(keys.map((k) => [k, arrays(v[k])]));
  };
  return arrays(root) as Record<string, unknown>;
}

function only(obj: Record<string, unknown>, prefix: string, allowed: string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      const param = prefix ? `${prefix}[${k}]` : k;
      throw new ApiError(400, `Received unknown parameter: ${param}`, { code: "parameter_unknown", param });
    }
  }
}
function str(v: unknown, param: string, required = false): string | undefined {
  if (v === undefined || v === "") {
    if (required) throw new ApiError(400, `Missing required param: ${param}.`, { code: "parameter_missing", param });
    return undefined;
  }
  if (typeof v !== "string") throw new ApiError(400, `Invalid string: ${JSON.stringify(v)}`, { param });
  return v;
}
function int(v: unknown, param: string, min: number): number {
  const s = str(v, param, true);
  if (s === undefined || !/^-?\d+$/.test(s)) throw new ApiError(400, `Invalid integer: ${s}`, { code: "parameter_invalid_integer", param });
  const n = Number(s);
  if (n < min) throw new ApiError(400, `This value must be greater than or equal to ${min}.`, { code: "parameter_invalid_integer", param });
  return n;
}
function url(v: unknown, param: string, required: boolean): string | null {
  const s = str(v, param, required);
  if (s === undefined) return null;
  if (!/^https?:\/\/[^\s/]+/.test(s)) throw new ApiError(400, "Not a valid URL", { code: "url_invalid", param });
  return s;
}

interface SessionState {
  id: string;
  created: number;
  expiresAt: number;
  status: "open" | "complete" | "expired";
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  amountTotal: number;
  currency: string;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  customerEmail: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  locale: string | null;
  allowed: string[] | null;
  paymentIntent: string | null;
  awaitingAsync: boolean;
  apiVersion: string;
}

/** Validates a create request the way Stripe does for what Quorum sends; throws ApiError(400). */
function validateCreate(p: Record<string, unknown>, nowS: number): Omit<SessionState, "id" | "apiVersion"> {
  only(p, "", CREATE_PARAMS);
  const mode = str(p["mode"], "mode", true);
  if (mode !== "payment") throw new ApiError(400, `Invalid mode: the fake implements only "payment", got ${mode}.`, { param: "mode" });
  const rawItems = p["line_items"];
  if (rawItems === undefined) throw new ApiError(400, "Missing required param: line_items.", { code: "parameter_missing", param: "line_items" });
  if (!Array.isArray(rawItems) || rawItems.length === 0 || rawItems.length > 100)
    throw new ApiError(400, "line_items must be a list of 1 to 100 items.", { param: "line_items" });
  let currency: string | undefined;
  let amountTotal = 0;
  rawItems.forEach((item: unknown, i) => {
    const at = `line_items[${i}]`;
    if (!isRecord(item)) throw new ApiError(400, `Invalid object`, { param: at });
    only(item, at, ["price_data", "quantity"]);
    const pd = item["price_data"];
    if (!isRecord(pd)) throw new ApiError(400, `Missing required param: ${at}[price_data].`, { code: "parameter_missing", param: `${at}[price_data]` });
    only(pd, `${at}[price_data]`, ["currency", "unit_amount", "product_data"]);
    const cur = str(pd["currency"], `${at}[price_data][currency]`, true) ?? "";
    if (!/^[a-z]{3}$/.test(cur)) throw new ApiError(400, `Invalid currency: ${cur}.`, { param: `${at}[price_data][currency]` });
    if (currency !== undefined && cur !== currency)
      throw new ApiError(400, "All line items must have the same currency.", { param: `${at}[price_data][currency]` });
    currency = cur;
    const product = pd["product_data"];
    if (!isRecord(product)) throw new ApiError(400, `Missing required param: ${at}[price_data][product_data].`, { code: "parameter_missing", param: `${at}[price_data][product_data]` });
    only(product, `${at}[price_data][product_data]`, ["name", "description"]);
    str(product["name"], `${at}[price_data][product_data][name]`, true);
    amountTotal += int(pd["unit_amount"], `${at}[price_data][unit_amount]`, 0) * int(item["quantity"], `${at}[quantity]`, 1);
  });
  const expiresAt = p["expires_at"] === undefined ? nowS + KEY_TTL_S : int(p["expires_at"], "expires_at", 0);
  if (expiresAt < nowS + 30 * 60)
    throw new ApiError(400, "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", { param: "expires_at" });
  if (expiresAt > nowS + KEY_TTL_S)
    throw new ApiError(400, "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", { param: "expires_at" });
  const metadata: Record<string, string> = {};
  if (p["metadata"] !== undefined && p["metadata"] !== "") {
    if (!isRecord(p["metadata"])) throw new ApiError(400, "Invalid metadata: must be a hash.", { param: "metadata" });
    for (const [k, v] of Object.entries(p["metadata"])) {
      if (typeof v !== "string") throw new ApiError(400, `Invalid metadata value for ${k}.`, { param: `metadata[${k}]` });
      if (k.length > 40 || v.length > 500)
        throw new ApiError(400, "Metadata keys can be at most 40 characters and values at most 500.", { param: `metadata[${k}]` });
      if (v !== "") metadata[k] = v;
    }
    if (Object.keys(metadata).length > 50) throw new ApiError(400, "Metadata can have at most 50 keys.", { param: "metadata" });
  }
  const email = str(p["customer_email"], "customer_email") ?? null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new ApiError(400, `Invalid email address: ${email}`, { code: "email_invalid", param: "customer_email" });
  const ref = str(p["client_reference_id"], "client_reference_id") ?? null;
  if (ref !== null && ref.length > 200) throw new ApiError(400, "client_reference_id can be at most 200 characters.", { param: "client_reference_id" });
  const locale = str(p["locale"], "locale") ?? null;
  if (locale !== null && !LOCALES.has(locale)) throw new ApiError(400, `Invalid locale: ${locale}`, { param: "locale" });
  const allowed = p["allowed_payment_method_types"];
  if (allowed !== undefined && (!Array.isArray(allowed) || !allowed.every((t) => typeof t === "string" && /^[a-z_]+$/.test(t))))
    throw new ApiError(400, "Invalid array", { param: "allowed_payment_method_types" });
  return {
    created: nowS, expiresAt, status: "open", paymentStatus: amountTotal === 0 ? "no_payment_required" : "unpaid",
    amountTotal, currency: currency ?? "", metadata, clientReferenceId: ref, customerEmail: email,
    successUrl: url(p["success_url"], "success_url", true), cancelUrl: url(p["cancel_url"], "cancel_url", false),
    locale, allowed: (allowed as string[] | undefined) ?? null, paymentIntent: null, awaitingAsync: false,
  };
}

function toSession(s: SessionState, apiBase: string): Stripe.Checkout.Session {
  const methods = s.allowed ?? (s.currency === "eur" ? ["card", "ideal", "bancontact", "sepa_debit"] : ["card"]);
  return {
    id: s.id, object: "checkout.session", adaptive_pricing: null, after_expiration: null, allow_promotion_codes: null,
    allowed_payment_method_types: s.allowed, amount_subtotal: s.amountTotal, amount_total: s.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null }, billing_address_collection: null,
    cancel_url: s.cancelUrl, client_reference_id: s.clientReferenceId, client_secret: null, collected_information: null,
    consent: null, consent_collection: null, created: s.created, currency: s.currency, currency_conversion: null,
    custom_fields: [], custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null, customer_account: null, customer_creation: "if_required",
    customer_details: s.status === "complete"
      ? { address: null, business_name: null, email: s.customerEmail, individual_name: null, name: null, phone: null, tax_exempt: "none", tax_ids: [] }
      : null,
    customer_email: s.customerEmail, discounts: [], expires_at: s.expiresAt, integration_identifier: null, invoice: null,
    invoice_creation: null, livemode: false, locale: s.locale, managed_payments: null, metadata: { ...s.metadata },
    mode: "payment", origin_context: null, payment_intent: s.paymentIntent, payment_link: null,
    payment_method_collection: "if_required", payment_method_configuration_details: null, payment_method_options: {},
    payment_method_types: methods, payment_status: s.paymentStatus, permissions: null, recovered_from: null,
    saved_payment_method_options: null, setup_intent: null, shipping_address_collection: null, shipping_cost: null,
    shipping_options: [], status: s.status, submit_type: null, subscription: null, success_url: s.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 }, ui_mode: "hosted_page",
    url: s.status === "open" ? `${apiBase}/pay/${s.id}` : null, wallet_options: null,
  };
}

export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = opts.secretKey ?? "sk_test_fake_quorum";
  const webhookSecret = opts.webhookSecret ?? "whsec_fake_quorum";
  const nowS = (): number => Math.floor((opts.now ?? Date.now)() / 1000);
  const store = new Map<string, SessionState>();
  const events: CheckoutEvent[] = [];
  const calls: FakeStripeCall[] = [];
  const deliveries: DeliveryRecord[] = [];
  const faults: Fault[] = [];
  type Saved = { endpoint: string; fingerprint: string; status: number; body: string; requestId: string; at: number };
  const keys = new Map<string, Saved>();
  const sockets = new Set<Socket>();
  let apiBase = "";

  const view = (s: SessionState): Stripe.Checkout.Session => toSession(s, apiBase);
  const emit = (type: CheckoutEventType, s: SessionState, request: { id: string | null; idempotency_key: string | null } = { id: null, idempotency_key: null }): void => {
    events.push(buildEvent(type, view(s), nowS(), s.apiVersion, request));
  };
  /** Stripe expires an open session at expires_at; the fake notices whenever it looks. */
  const refresh = (s: SessionState): SessionState => {
    if (s.status === "open" && nowS() >= s.expiresAt) {
      s.status = "expired";
      emit("checkout.session.expired", s);
    }
    return s;
  };
  const session = (id: string): SessionState => {
    const s = store.get(id);
    if (s === undefined) throw new ApiError(404, `No such checkout.session: '${id}'`, { code: "resource_missing", param: "session" });
    return refresh(s);
  };
  const control = (id: string, fn: (s: SessionState) => void): Stripe.Checkout.Session => {
    const s = store.get(id);
    if (s === undefined) throw new Error(`fake-stripe: no session ${id}`);
    fn(refresh(s));
    return view(s);
  };
  const complete = (id: string, o: { async?: boolean } = {}): Stripe.Checkout.Session =>
    control(id, (s) => {
      if (s.status !== "open") throw new Error(`fake-stripe: session ${id} is ${s.status}, it can't be paid`);
      s.status = "complete";
      if (s.paymentStatus !== "no_payment_required") {
        s.paymentIntent = stripeId("pi_3");
        s.paymentStatus = o.async === true ? "unpaid" : "paid";
        s.awaitingAsync = o.async === true;
      }
      emit("checkout.session.completed", s);
    });
  const settleAsync = (id: string, ok: boolean): Stripe.Checkout.Session =>
    control(id, (s) => {
      if (!s.awaitingAsync) throw new Error(`fake-stripe: session ${id} has no pending async payment`);
      s.awaitingAsync = false;
      if (ok) s.paymentStatus = "paid";
      emit(ok ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", s);
    });
  const signedPayload = (event: CheckoutEvent, o: SignOptions = {}): SignedPayload =>
    signEvent(event, o.secret ?? webhookSecret, o.timestamp ?? nowS());
  const deliver = async (type: CheckoutEventType, id: string, o: DeliverOptions): Promise<number> => {
    control(id, () => undefined);
    const event = events.findLast((e) => e.type === type && e.data.object.id === id);
    if (event === undefined) throw new Error(`fake-stripe: session ${id} has no ${type} event yet`);
    let status = 0;
    for (let i = 0; i < (o.times ?? 1); i += 1) {
      const signed = signedPayload(event, o);
      status = await postEvent(o.to, o.tamper === true ? tamperedBody(event) : signed.body, signed.header);
      deliveries.push({ eventId: event.id, type, to: o.to, status, tampered: o.tamper === true });
    }
    return status;
  };

  /** The endpoint itself; returns [status, body]. Throws ApiError for Stripe-shaped errors. */
  const execute = (method: string, path: string, params: Record<string, unknown>, request: { id: string; key: string | null; version: string }): [number, unknown] => {
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const s: SessionState = { id: stripeId("cs_test_a1", 56), apiVersion: request.version, ...validateCreate(params, nowS()) };
      store.set(s.id, s);
      return [200, view(s)];
    }
    const m = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    if (m?.[1] !== undefined && method === (m[2] === undefined ? "GET" : "POST")) {
      if (Object.keys(params).length > 0) only(params, "", []);
      const s = session(decodeURIComponent(m[1]));
      if (m[2] !== undefined) {
        if (s.status !== "open")
          throw new ApiError(400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`, { param: "session" });
        s.status = "expired";
        emit("checkout.session.expired", s, { id: request.id, idempotency_key: request.key });
      }
      return [200, view(s)];
    }
    throw new ApiError(404, `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const method = req.method ?? "GET";
    const target = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = target.pathname;
    const key = method === "POST" ? (req.headers["idempotency-key"]?.toString() ?? null) : null;
    const params = parseForm(method === "POST" ? raw : target.search.slice(1));
    const call: FakeStripeCall = { method, path, idempotencyKey: key, body: params, status: null, outcome: "ok" };
    calls.push(call);
    const requestId = stripeId("req_", 14);
    const version = req.headers["stripe-version"]?.toString() ?? API_VERSION;
    const headers: Record<string, string> = { "content-type": "application/json", "request-id": requestId, "stripe-version": version };
    if (key !== null) headers["idempotency-key"] = key;
    const send = (status: number, body: string, outcome: FakeStripeCall["outcome"], extra: Record<string, string> = {}): void => {
      Object.assign(call, { status, outcome });
      res.writeHead(status, { ...headers, ...extra }).end(body);
    };
    const drop = (outcome: "dropped-before" | "dropped-after"): void => {
      call.outcome = outcome;
      req.socket.destroy();
    };
    const fault = faults.shift();
    if (fault !== undefined && "drop" in fault && fault.drop === "before") return drop("dropped-before");
    if (fault !== undefined && "status" in fault) {
      const e = fault.status === 429
        ? new ApiError(429, "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", { code: "rate_limit" })
        : new ApiError(fault.status, "An unknown error occurred", { type: "api_error" });
      return send(fault.status, JSON.stringify(e.body()), "fault");
    }
    const after = (status: number, body: string, outcome: FakeStripeCall["outcome"], extra: Record<string, string> = {}): void => {
      if (fault !== undefined) return drop("dropped-after");
      send(status, body, outcome, extra);
    };
    try {
      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        throw new ApiError(401, given === undefined
          ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."
          : `Invalid API Key provided: ${given.slice(0, 8)}${"*".repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`);
      }
      const endpoint = `${method} ${path}`;
      const fingerprint = JSON.stringify([...new URLSearchParams(raw)].sort());
      if (key !== null) {
        if (key.length > 255) throw new ApiError(400, "Keys for idempotent requests can be no longer than 255 characters.", { type: "idempotency_error" });
        const saved = keys.get(key);
        if (saved !== undefined && nowS() - saved.at < KEY_TTL_S) {
          const retry = `Try using a key other than '${key}' if you meant to execute a different request.`;
          if (saved.endpoint !== endpoint)
            throw new ApiError(400, `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.endpoint}' vs '${endpoint}'). ${retry}`, { type: "idempotency_error" });
          if (saved.fingerprint !== fingerprint)
            throw new ApiError(400, `Keys for idempotent requests can only be used with the same parameters they were first used with. ${retry}`, { type: "idempotency_error" });
          return after(saved.status, saved.body, "replayed", { "idempotent-replayed": "true", "original-request": saved.requestId });
        }
      }
      const [status, body] = execute(method, path, params, { id: requestId, key, version });
      const json = JSON.stringify(body);
      if (key !== null) keys.set(key, { endpoint, fingerprint, status, body: json, requestId, at: nowS() });
      after(status, json, "ok");
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      after(err.status, JSON.stringify(err.body()), "error");
    }
  };

  /** The hosted page behind `session.url`: a Pay button and a way back, for browser tests. */
  const page = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const s = store.get(id);
    if (s === undefined || refresh(s).status !== "open") return void res.writeHead(404, { "content-type": "text/plain" }).end("This Checkout Session is no longer available.");
    if (req.method === "POST") {
      complete(id);
      if (opts.webhookUrl !== undefined) await deliver("checkout.session.completed", id, { to: opts.webhookUrl });
      return void res.writeHead(303, { location: (s.successUrl ?? apiBase).replaceAll("{CHECKOUT_SESSION_ID}", id) }).end();
    }
    const amount = `${(s.amountTotal / 100).toFixed(2)} ${s.currency.toUpperCase()}`;
    const back = s.cancelUrl === null ? "" : `<a href="${s.cancelUrl.replaceAll('"', "&quot;")}">Back</a>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
      .end(`<!doctype html><title>Fake Stripe Checkout</title><main><h1>Pay ${amount}</h1><form method="post"><button>Pay</button></form>${back}</main>`);
  };

  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8").on("data", (c: string) => (raw += c)).on("end", () => {
      const pay = /^\/pay\/([^/?]+)/.exec(req.url ?? "")?.[1];
      const done = pay === undefined ? api(req, res, raw) : page(req, res, pay);
      done.catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { type: "api_error", message: `fake-stripe crashed: ${String(err)}` } }));
      });
    });
  });
  server.on("connection", (s: Socket) => void sockets.add(s.on("close", () => sockets.delete(s))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  apiBase = `http://127.0.0.1:${port}`;

  return {
    apiBase, host: "127.0.0.1", port, protocol: "http", secretKey, webhookSecret,
    sessions: () => [...store.values()].map((s) => view(refresh(s))),
    calls: () => calls.map((c) => ({ ...c })),
    events: () => structuredClone(events),
    deliveries: () => deliveries.map((d) => ({ ...d })),
    complete,
    asyncSucceed: (id) => settleAsync(id, true),
    asyncFail: (id) => settleAsync(id, false),
    deliver,
    signedPayload,
    failNext: (n, fault) => faults.push(...Array.from({ length: n }, () => fault)),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
