/**
 * Fake Resend HTTP API for tests (node:http only, listens on 127.0.0.1).
 *
 * The app must talk to it only through the real `resend` SDK. Start it, then
 * `new Resend(key, { baseUrl: fake.url })` (or set RESEND_BASE_URL before the
 * client is constructed).
 *
 * ───────────────────────────────────────────────────────────────────────────
 * FINDINGS: how resend@6.38.0 behaves (read from node_modules/resend/dist)
 * ───────────────────────────────────────────────────────────────────────────
 * Construction
 *  - `new Resend(key?, { baseUrl?, userAgent? })`. `baseUrl` defaults to
 *    `process.env.RESEND_BASE_URL || "https://api.resend.com"`, read once in the
 *    constructor. Requests go to `${baseUrl}${path}` verbatim, so give the base
 *    URL WITHOUT a trailing slash (`fake.url` has none).
 *  - Missing key: falls back to `process.env.RESEND_API_KEY`, else the
 *    constructor THROWS ("Missing API key..."). That is the only throw.
 *  - Headers on every call: `Authorization: Bearer <key>`,
 *    `User-Agent: resend-node:6.38.0` (or RESEND_USER_AGENT / userAgent option),
 *    `Content-Type: application/json`. RESEND_DEBUG=true logs errors to stderr.
 *
 * Sending
 *  - `resend.emails.send(payload, { idempotencyKey?, headers?, signal? })`
 *    → `POST /emails`. `send` is an alias of `create`.
 *  - `resend.batch.send(payload[], { idempotencyKey?, batchValidation?, headers?, signal? })`
 *    → `POST /emails/batch` with a JSON ARRAY body.
 *    `batchValidation: 'strict' | 'permissive'` (default 'strict') — the SDK
 *    ALWAYS sends `x-batch-validation: strict|permissive` on batch calls;
 *    `headers` in the request options are applied after it and can override it.
 *  - `idempotencyKey` → `Idempotency-Key` header, only when truthy (an empty
 *    string sends no header). Works on both endpoints.
 *  - Body mapping (camelCase → API): replyTo→reply_to, scheduledAt→scheduled_at,
 *    topicId→topic_id, attachments[].contentType→content_type,
 *    attachments[].contentId→content_id; binary attachment content is sent as
 *    base64. Undefined fields are dropped by JSON.stringify. `react` needs the
 *    optional `@react-email/render` package.
 *  - Batch attachments: the TYPE `CreateBatchEmailOptions` omits `attachments`,
 *    but at runtime the SDK forwards them if present (same mapper as single
 *    send). Real Resend ignores them on batch, so this fake records
 *    `hasAttachments` on each delivered email so tests can assert none are sent.
 *  - The SDK does no retries and sets no timeout of its own (pass `signal`,
 *    e.g. `AbortSignal.timeout(ms)`, for one).
 *
 * Results: the SDK never throws on HTTP or network problems. It returns
 *   `{ data, error, headers }`:
 *  - 2xx: `data` = parsed JSON body, `error: null`.
 *      single: `data = { id }`
 *      batch:  `data = { data: [{ id }, ...] }` and, in permissive mode,
 *              `data.errors = [{ index, message }]`. Note the double nesting
 *              (`result.data.data`); Resend's docs example
 *              `const { data, errors } = await resend.batch.send(...)` is wrong
 *              for this SDK version.
 *  - non-2xx with a JSON body: `data: null`, `error` = the parsed body AS IS,
 *    i.e. Resend's error shape `{ statusCode, name, message }`.
 *    Non-JSON body: `error = { name: 'application_error', statusCode: <status>,
 *    message: 'Internal server error. ...' }`.
 *  - `headers` (both success and HTTP errors) =
 *    `Object.fromEntries(response.headers.entries())`: a plain object with
 *    lower-case names and string values, e.g. `headers['retry-after']`,
 *    `headers['ratelimit-limit']`, `headers['ratelimit-remaining']`,
 *    `headers['ratelimit-reset']`. Parse them with Number().
 *  - Network failure of any kind (connection refused, socket destroyed before
 *    an answer, abort/timeout via `signal` — even the abort is swallowed):
 *    `{ data: null, headers: null, error: { name: 'application_error',
 *    statusCode: null, message: 'Unable to fetch data. The request could not
 *    be resolved.' } }`. `statusCode === null` therefore means "outcome
 *    unknown": the email may or may not have been accepted (see the
 *    `drop-after-send` fault). The only safe retry is with the SAME
 *    idempotency key and the SAME payload.
 *  - Error `name` values the SDK types know: invalid_idempotency_key,
 *    validation_error, missing_api_key, restricted_api_key, invalid_api_key,
 *    not_found, method_not_allowed, invalid_idempotent_request,
 *    concurrent_idempotent_requests, invalid_attachment, invalid_from_address,
 *    invalid_access, invalid_parameter, invalid_region, missing_required_field,
 *    monthly_quota_exceeded, daily_quota_exceeded, rate_limit_exceeded,
 *    security_error, application_error, internal_server_error.
 *
 * What Resend documents, and what this fake does
 *  - Auth: missing key → 401 `missing_api_key`. Wrong key → Resend documents
 *    403 `invalid_api_key`; this fake answers 401 `invalid_api_key` by default
 *    (option `invalidKeyStatus: 403` for the documented status). A dispatcher
 *    should treat 401 and 403 alike (permanent, configuration problem).
 *  - Validation errors → 422 (`missing_required_field` / `validation_error`).
 *    Batch > 100 emails → 422 `validation_error`. Strict batch: one invalid
 *    email → whole batch 422, nothing sent. Permissive: 200 with valid emails
 *    sent and `errors: [{ index, message }]` (index into the request array).
 *  - Idempotency: same key + same payload → the first response replayed, no
 *    new send; same key + different payload (or other endpoint) → 409
 *    `invalid_idempotent_request`; same key while the first request is still
 *    being answered → 409 `concurrent_idempotent_requests`; key longer than
 *    256 chars → 400 `invalid_idempotency_key`. Resend keeps keys 24 h; the
 *    fake keeps them for the server's life (until `reset()`). Only successful
 *    (2xx) answers are remembered, so a request refused by validation may be
 *    fixed and retried with the same key.
 *  - Rate limit: `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset`
 *    on every answer; over the limit → 429 `rate_limit_exceeded` with
 *    `retry-after` (seconds). Resend's default is 2 req/s per team (docs); the
 *    fake's default is 5/s over a sliding 1 s window. Only authenticated,
 *    admitted requests use up the window (401s and 429s do not).
 *
 * Order of processing in the fake: route → auth (401) → rate limit (429) →
 * fault injection (failure status / drop before send) → Idempotency-Key
 * (replay / 409) → validation (422) → delivery → optional drop after send →
 * answer.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { seededRandom } from "./random.ts";

// ─────────────────────────────── public types ───────────────────────────────

export type BatchValidationMode = "strict" | "permissive";

/** One forced outcome for the next call (see `FaultConfig.script`). */
export type FaultAction =
  /** Process normally (no fault). */
  | "pass"
  /** Destroy the socket before anything is sent: nothing delivered. */
  | "drop-before-send"
  /** Deliver (and remember the idempotency key), then destroy the socket: a lost response. */
  | "drop-after-send"
  /** Answer with this HTTP status without sending (429 gets `retry-after: 1`). */
  | number;

export interface FaultConfig {
  /** Share (0..1) of calls answered with one of `statuses`, without sending. */
  failRate?: number;
  /** Statuses used by `failRate`, picked by the PRNG. Default [500, 429, 503]. */
  statuses?: readonly number[];
  /** Share (0..1) of calls whose socket is destroyed without an answer. */
  dropRate?: number;
  /**
   * When a drop happens (from `dropRate`): 'before-send' (default, nothing
   * delivered), 'after-send' (delivered, response lost) or 'either' (PRNG picks).
   */
  dropPhase?: "before-send" | "after-send" | "either";
  /** PRNG seed, so runs are reproducible. Default 1. */
  seed?: number;
  /**
   * Forced outcomes, consumed one per eligible call before any random fault
   * (eligible = authenticated, not rate-limited, on a known endpoint).
   */
  script?: readonly FaultAction[];
  /** Delay (ms) before each answer is written (also delays drops). Default 0. */
  latencyMs?: number;
}

export interface FakeResendOptions {
  /** Expected API key. Default "re_test_key". */
  apiKey?: string;
  /** Status for a present-but-wrong key: 401 (default) or 403 (what Resend documents). */
  invalidKeyStatus?: 401 | 403;
  /** Requests per second (sliding 1 s window). Default 5. */
  rateLimitPerSecond?: number;
  /** Addresses the provider refuses for good (case-insensitive, bare address). */
  rejectAddresses?: Iterable<string>;
  /** Initial faults (same as calling `setFaults`). */
  faults?: FaultConfig;
  /** Port to listen on; default 0 (a free port). */
  port?: number;
}

export type CallOutcome =
  /** Processed normally (2xx, may include permissive errors). */
  | "ok"
  /** Same key + same payload: first response replayed, nothing sent. */
  | "replayed"
  /** 401 / 403. */
  | "unauthorized"
  /** 429 from the rate limiter. */
  | "rate-limited"
  /** Injected failure status (`failRate` / script). */
  | "fault"
  /** 4xx from validation, idempotency conflicts, unknown route... */
  | "rejected"
  | "dropped-before-send"
  | "dropped-after-send";

export interface RecordedCall {
  /** 1-based, in arrival order. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** HTTP status answered, or null when the socket was dropped. */
  status: number | null;
  outcome: CallOutcome;
  /** Error `name` of the answer when it was an error. */
  errorName: string | null;
  readonly idempotencyKey: string | null;
  /** `x-batch-validation` header value (batch calls), else null. */
  readonly batchValidation: string | null;
  /** Number of emails in the request payload (1 for /emails). */
  emailCount: number;
  /** Number of emails delivered by THIS call (0 on replay). */
  deliveredCount: number;
  /** Date.now() when the request was received. */
  readonly at: number;
  /** Parsed JSON body (or the raw text if it was not JSON). */
  body: unknown;
  /** Request headers (lower-case names). */
  readonly requestHeaders: Readonly<Record<string, string>>;
}

export interface DeliveredEmail {
  readonly id: string;
  /** `seq` of the call that delivered it. */
  readonly callSeq: number;
  readonly path: "/emails" | "/emails/batch";
  /** Index in the batch payload, null for single sends. */
  readonly batchIndex: number | null;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: readonly string[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly tags: readonly { readonly name: string; readonly value: string }[];
  readonly scheduledAt: string | null;
  readonly idempotencyKey: string | null;
  /** True when the request carried attachments (on batch Resend drops them). */
  readonly hasAttachments: boolean;
  readonly attachmentCount: number;
  /** Date.now() at delivery. */
  readonly deliveredAt: number;
}

export interface FakeResendState {
  readonly calls: readonly RecordedCall[];
  readonly delivered: readonly DeliveredEmail[];
}

export interface WaitOptions {
  /** Default 2000 ms. */
  timeoutMs?: number;
}

export interface FakeResend {
  /** Base URL, e.g. "http://127.0.0.1:43123" (no trailing slash). */
  readonly url: string;
  /** The expected API key. */
  readonly apiKey: string;
  /** Live view of what happened (arrays are the fake's own; do not mutate). */
  readonly state: FakeResendState;
  /** Copy of all delivered emails, in delivery order. */
  delivered(): DeliveredEmail[];
  /** Copy of all recorded calls, in arrival order. */
  calls(): RecordedCall[];
  /** Resolves with the delivered emails once at least `count` exist; rejects on timeout. */
  waitForDelivered(count: number, options?: WaitOptions): Promise<DeliveredEmail[]>;
  /** Replace the fault configuration (resets the PRNG to the seed); null clears it. */
  setFaults(faults: FaultConfig | null): void;
  /** Change the per-second limit (also clears the window). */
  setRateLimit(perSecond: number): void;
  /** Add addresses the provider refuses for good. */
  rejectAddresses(...addresses: string[]): void;
  /**
   * Clear calls, deliveries, rate window, faults and (unless
   * keepIdempotencyKeys) remembered idempotency keys. Options given at start
   * (key, rate limit, rejected addresses) are restored.
   */
  reset(options?: { keepIdempotencyKeys?: boolean }): void;
  /** Stop listening and destroy open connections. */
  close(): Promise<void>;
}

// ───────────────────────────── Resend constants ─────────────────────────────

export const DEFAULT_API_KEY = "re_test_key";
export const MAX_BATCH_SIZE = 100;
export const MAX_RECIPIENTS = 50;
const WINDOW_MS = 1000;

interface ErrorBody {
  statusCode: number;
  name: string;
  message: string;
}

const FAULT_BODIES: Readonly<Partial<Record<number, { name: string; message: string }>>> = {
  429: {
    name: "rate_limit_exceeded",
    message: "Too many requests. Please slow down and retry after the time given in the retry-after header.",
  },
  500: { name: "internal_server_error", message: "An unexpected error occurred." },
  502: { name: "application_error", message: "Bad gateway." },
  503: { name: "application_error", message: "Service unavailable. Please try again later." },
  504: { name: "application_error", message: "Gateway timeout." },
};

const INVALID_ADDRESS_MESSAGE = (field: string): string =>
  `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;

// ───────────────────────────────── helpers ──────────────────────────────────

/** JSON with sorted object keys, to compare payloads independent of key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const BARE_ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;.]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^<>]+)>\s*$/;

/** Returns the bare lower-case address, or null when malformed. */
function parseAddress(raw: string): string | null {
  const trimmed = raw.trim();
  const named = NAMED_ADDRESS.exec(trimmed);
  const bare = (named?.[1] ?? trimmed).trim();
  return BARE_ADDRESS.test(bare) ? bare.toLowerCase() : null;
}

/** string | string[] | undefined → string[]; null when the type is wrong. */
function toList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return [...value];
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function errorBody(statusCode: number, name: string, message: string): ErrorBody {
  return { statusCode, name, message };
}

// ──────────────────────────────── validation ────────────────────────────────

interface ValidEmail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  text: string | null;
  html: string | null;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  scheduledAt: string | null;
  attachmentCount: number;
  hasAttachments: boolean;
}

type Validation = { ok: true; email: ValidEmail } | { ok: false; error: ErrorBody };

function validateEmail(raw: unknown, rejected: ReadonlySet<string>): Validation {
  const fail = (name: string, message: string): Validation => ({
    ok: false,
    error: errorBody(422, name, message),
  });
  if (!isRecord(raw)) return fail("validation_error", "Each email must be an object.");

  const hasTemplate = isRecord(raw["template"]) && typeof raw["template"]["id"] === "string";

  if (typeof raw["from"] !== "string" || raw["from"].trim() === "") {
    if (!hasTemplate) return fail("missing_required_field", "Missing `from` field.");
  } else if (parseAddress(raw["from"]) === null) {
    return fail("validation_error", INVALID_ADDRESS_MESSAGE("from"));
  }

  const to = toList(raw["to"]);
  if (to === null) return fail("validation_error", "The `to` field must be a `string` or an array of strings.");
  if (to.length === 0) return fail("missing_required_field", "Missing `to` field.");
  if (to.length > MAX_RECIPIENTS) {
    return fail("validation_error", `The \`to\` field can contain at most ${MAX_RECIPIENTS} addresses.`);
  }

  if (!hasTemplate && (typeof raw["subject"] !== "string" || raw["subject"] === "")) {
    return fail("missing_required_field", "Missing `subject` field.");
  }
  const html = typeof raw["html"] === "string" ? raw["html"] : null;
  const text = typeof raw["text"] === "string" ? raw["text"] : null;
  if (!hasTemplate && html === null && text === null) {
    return fail("missing_required_field", "Missing `html` or `text` field.");
  }

  const lists: Record<"to" | "cc" | "bcc" | "reply_to", string[]> = { to, cc: [], bcc: [], reply_to: [] };
  for (const field of ["cc", "bcc", "reply_to"] as const) {
    const list = toList(raw[field]);
    if (list === null) return fail("validation_error", `The \`${field}\` field must be a \`string\` or an array of strings.`);
    lists[field] = list;
  }
  for (const field of ["to", "cc", "bcc", "reply_to"] as const) {
    for (const address of lists[field]) {
      const bare = parseAddress(address);
      if (bare === null) return fail("validation_error", INVALID_ADDRESS_MESSAGE(field));
      if (field !== "reply_to" && rejected.has(bare)) {
        return fail("validation_error", `The \`${field}\` address ${bare} was rejected by the provider.`);
      }
    }
  }

  const headers: Record<string, string> = {};
  if (isRecord(raw["headers"])) {
    for (const [k, v] of Object.entries(raw["headers"])) {
      if (typeof v === "string") headers[k] = v;
    }
  }
  const tags: { name: string; value: string }[] = [];
  if (Array.isArray(raw["tags"])) {
    for (const tag of raw["tags"]) {
      if (isRecord(tag) && typeof tag["name"] === "string" && typeof tag["value"] === "string") {
        tags.push({ name: tag["name"], value: tag["value"] });
      }
    }
  }
  const attachments = raw["attachments"];
  const attachmentCount = Array.isArray(attachments) ? attachments.length : 0;

  return {
    ok: true,
    email: {
      from: typeof raw["from"] === "string" ? raw["from"] : "",
      to: lists.to,
      cc: lists.cc,
      bcc: lists.bcc,
      replyTo: lists.reply_to,
      subject: typeof raw["subject"] === "string" ? raw["subject"] : "",
      text,
      html,
      headers,
      tags,
      scheduledAt: typeof raw["scheduled_at"] === "string" ? raw["scheduled_at"] : null,
      attachmentCount,
      hasAttachments: attachments !== undefined && attachments !== null,
    },
  };
}

// ─────────────────────────────────── server ─────────────────────────────────

interface IdempotencyEntry {
  path: string;
  fingerprint: string;
  pending: boolean;
  status: number;
  body: unknown;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const invalidKeyStatus = options.invalidKeyStatus ?? 401;
  const initialRate = options.rateLimitPerSecond ?? 5;
  const initialRejected = [...(options.rejectAddresses ?? [])].map((a) => (parseAddress(a) ?? a).toLowerCase());

  const calls: RecordedCall[] = [];
  const delivered: DeliveredEmail[] = [];
  const state: FakeResendState = { calls, delivered };
  const idempotency = new Map<string, IdempotencyEntry>();
  let rejected = new Set<string>(initialRejected);
  let rateLimit = initialRate;
  let window: number[] = [];
  let faults: FaultConfig | null = null;
  let script: FaultAction[] = [];
  let random: () => number = seededRandom(1);
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function applyFaults(config: FaultConfig | null): void {
    faults = config;
    script = config?.script ? [...config.script] : [];
    random = seededRandom(config?.seed ?? 1);
  }
  applyFaults(options.faults ?? null);

  function notify(): void {
    for (const w of waiters) w();
  }

  // ── rate limiting (sliding 1 s window of admitted requests) ──
  function prune(now: number): void {
    window = window.filter((t) => now - t < WINDOW_MS);
  }
  function secondsUntilSlot(now: number): number {
    const oldest = window[0];
    if (oldest === undefined) return 0;
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
  }
  function rateHeaders(now: number): Record<string, string> {
    prune(now);
    return {
      "ratelimit-limit": String(rateLimit),
      "ratelimit-remaining": String(Math.max(0, rateLimit - window.length)),
      "ratelimit-reset": String(secondsUntilSlot(now)),
    };
  }

  // ── fault decision: always draws 4 numbers so sequences are reproducible ──
  function decideFault(): FaultAction {
    const scripted = script.shift();
    if (scripted !== undefined) return scripted;
    if (faults === null) return "pass";
    const rDrop = random();
    const rPhase = random();
    const rFail = random();
    const rStatus = random();
    if (rDrop < (faults.dropRate ?? 0)) {
      const phase = faults.dropPhase ?? "before-send";
      if (phase === "after-send") return "drop-after-send";
      if (phase === "either") return rPhase < 0.5 ? "drop-before-send" : "drop-after-send";
      return "drop-before-send";
    }
    if (rFail < (faults.failRate ?? 0)) {
      const statuses = faults.statuses ?? [500, 429, 503];
      const status = statuses[Math.floor(rStatus * statuses.length)];
      if (status !== undefined) return status;
    }
    return "pass";
  }

  function sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  function deliver(
    call: RecordedCall,
    path: "/emails" | "/emails/batch",
    email: ValidEmail,
    batchIndex: number | null,
  ): string {
    const id = randomUUID();
    delivered.push({
      id,
      callSeq: call.seq,
      path,
      batchIndex,
      from: email.from,
      to: email.to,
      cc: email.cc,
      bcc: email.bcc,
      replyTo: email.replyTo,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: email.headers,
      tags: email.tags,
      scheduledAt: email.scheduledAt,
      idempotencyKey: call.idempotencyKey,
      hasAttachments: email.hasAttachments,
      attachmentCount: email.attachmentCount,
      deliveredAt: Date.now(),
    });
    call.deliveredCount += 1;
    return id;
  }

  /** Validates and delivers; returns the answer (no side effects on failure). */
  function processEmails(call: RecordedCall, path: "/emails" | "/emails/batch", body: unknown): Answer {
    if (path === "/emails") {
      const v = validateEmail(body, rejected);
      if (!v.ok) return { status: v.error.statusCode, body: v.error };
      return { status: 200, body: { id: deliver(call, path, v.email, null) } };
    }

    if (!Array.isArray(body)) {
      return { status: 422, body: errorBody(422, "validation_error", "The request body must be an array of emails.") };
    }
    if (body.length === 0) {
      return { status: 422, body: errorBody(422, "validation_error", "The batch must contain at least 1 email.") };
    }
    if (body.length > MAX_BATCH_SIZE) {
      return {
        status: 422,
        body: errorBody(
          422,
          "validation_error",
          `Too many emails in the batch: ${body.length}. The maximum is ${MAX_BATCH_SIZE} emails per request.`,
        ),
      };
    }
    const mode: BatchValidationMode =
      (call.batchValidation ?? "strict").toLowerCase() === "permissive" ? "permissive" : "strict";
    const results = body.map((item) => validateEmail(item, rejected));

    if (mode === "strict") {
      const firstBad = results.findIndex((r) => !r.ok);
      const bad = results[firstBad];
      if (bad !== undefined && !bad.ok) {
        return {
          status: 422,
          body: errorBody(422, bad.error.name, `emails[${firstBad}]: ${bad.error.message}`),
        };
      }
    }
    const data: { id: string }[] = [];
    const errors: { index: number; message: string }[] = [];
    results.forEach((r, index) => {
      if (r.ok) data.push({ id: deliver(call, path, r.email, index) });
      else errors.push({ index, message: r.error.message });
    });
    return { status: 200, body: mode === "permissive" ? { data, errors } : { data } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const raw = await readBody(req);
    let body: unknown = raw;
    let parsedOk = raw.length > 0;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        parsedOk = false;
      }
    }
    const idempotencyKey = headerValue(req, "idempotency-key");
    const call: RecordedCall = {
      seq: calls.length + 1,
      method: req.method ?? "GET",
      path,
      status: null,
      outcome: "rejected",
      errorName: null,
      idempotencyKey,
      batchValidation: path === "/emails/batch" ? headerValue(req, "x-batch-validation") : null,
      emailCount: Array.isArray(body) ? body.length : isRecord(body) ? 1 : 0,
      deliveredCount: 0,
      at: now,
      body,
      requestHeaders: flatHeaders(req),
    };
    calls.push(call);

    const send = (answer: Answer, outcome: CallOutcome): void => {
      call.status = answer.status;
      call.outcome = outcome;
      call.errorName =
        answer.status >= 400 && isRecord(answer.body) && typeof answer.body["name"] === "string"
          ? answer.body["name"]
          : null;
      const headers: Record<string, string> = {
        "content-type": "application/json; charset=utf-8",
        ...rateHeaders(Date.now()),
        ...answer.headers,
      };
      res.writeHead(answer.status, headers);
      res.end(JSON.stringify(answer.body));
      notify();
    };
    const drop = (outcome: "dropped-before-send" | "dropped-after-send"): void => {
      call.status = null;
      call.outcome = outcome;
      req.socket.destroy();
      notify();
    };
    const fail = (status: number, name: string, message: string, outcome: CallOutcome = "rejected"): void =>
      send({ status, body: errorBody(status, name, message) }, outcome);

    // ── route ──
    if (path !== "/emails" && path !== "/emails/batch") {
      return fail(404, "not_found", "The requested endpoint does not exist.");
    }
    if (req.method !== "POST") {
      return fail(405, "method_not_allowed", "Method is not allowed for the requested path.");
    }

    // ── auth ──
    const authorization = headerValue(req, "authorization");
    const match = authorization === null ? null : /^Bearer\s+(.+)$/i.exec(authorization.trim());
    const presented = match?.[1]?.trim() ?? "";
    if (presented === "") {
      return fail(401, "missing_api_key", "Missing API key in the authorization header.", "unauthorized");
    }
    if (presented !== apiKey) {
      return fail(invalidKeyStatus, "invalid_api_key", "API key is invalid.", "unauthorized");
    }

    // ── rate limit ──
    prune(now);
    if (window.length >= rateLimit) {
      const retryAfter = secondsUntilSlot(now);
      return send(
        {
          status: 429,
          body: errorBody(
            429,
            "rate_limit_exceeded",
            `Too many requests. You can only make ${rateLimit} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`,
          ),
          headers: { "retry-after": String(retryAfter) },
        },
        "rate-limited",
      );
    }
    window.push(now);

    // ── faults ──
    const fault = decideFault();
    const latency = faults?.latencyMs ?? 0;
    if (fault === "drop-before-send") {
      await sleep(latency);
      return drop("dropped-before-send");
    }
    if (typeof fault === "number") {
      const known = FAULT_BODIES[fault] ?? { name: "application_error", message: `Injected failure ${fault}.` };
      await sleep(latency);
      return send(
        {
          status: fault,
          body: errorBody(fault, known.name, known.message),
          ...(fault === 429 ? { headers: { "retry-after": "1" } } : {}),
        },
        "fault",
      );
    }

    if (!parsedOk) {
      return fail(400, "validation_error", "The request body must be valid JSON.");
    }

    // ── idempotency ──
    let entry: IdempotencyEntry | null = null;
    if (idempotencyKey !== null) {
      if (idempotencyKey.length < 1 || idempotencyKey.length > 256) {
        return fail(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
      }
      const fingerprint = `${path}\n${canonicalJson(body)}`;
      const previous = idempotency.get(idempotencyKey);
      if (previous !== undefined) {
        const inFlight = previous.pending;
        await sleep(latency);
        if (previous.fingerprint !== fingerprint) {
          return fail(
            409,
            "invalid_idempotent_request",
            "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
          );
        }
        if (inFlight) {
          return fail(
            409,
            "concurrent_idempotent_requests",
            "Same idempotency key used while original request is still in progress. Try the request again later.",
          );
        }
        if (fault === "drop-after-send") return drop("dropped-after-send");
        return send({ status: previous.status, body: previous.body }, "replayed");
      }
      entry = { path, fingerprint, pending: true, status: 0, body: null };
    }

    // ── validation + delivery ──
    const answer = processEmails(call, path, body);
    if (entry !== null && idempotencyKey !== null && answer.status < 300) {
      entry.status = answer.status;
      entry.body = answer.body;
      idempotency.set(idempotencyKey, entry);
    }
    notify();
    await sleep(latency);
    if (entry !== null) entry.pending = false;
    if (fault === "drop-after-send") return drop("dropped-after-send");
    return send(answer, answer.status < 300 ? "ok" : "rejected");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(errorBody(500, "internal_server_error", `Fake Resend crashed: ${String(err)}`)));
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    delivered: () => [...delivered],
    calls: () => [...calls],
    waitForDelivered(count, waitOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? 2000;
      if (delivered.length >= count) return Promise.resolve([...delivered]);
      return new Promise<DeliveredEmail[]>((resolve, reject) => {
        const check = (): void => {
          if (delivered.length >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve([...delivered]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `fake-resend: timed out after ${timeoutMs} ms waiting for ${count} delivered email(s); ` +
                `got ${delivered.length} after ${calls.length} call(s)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    setFaults(config) {
      applyFaults(config);
    },
    setRateLimit(perSecond) {
      if (!(perSecond > 0)) throw new RangeError("fake-resend: rate limit must be > 0");
      rateLimit = perSecond;
      window = [];
    },
    rejectAddresses(...addresses) {
      for (const a of addresses) rejected.add((parseAddress(a) ?? a).toLowerCase());
    },
    reset(resetOptions = {}) {
      calls.length = 0;
      delivered.length = 0;
      window = [];
      rateLimit = initialRate;
      rejected = new Set(initialRejected);
      applyFaults(options.faults ?? null);
      if (resetOptions.keepIdempotencyKeys !== true) idempotency.clear();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await done;
    },
  };
  return fake;
}
