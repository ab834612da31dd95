// Fuzzing every operation of the OpenAPI document (updates and following among them) with random and malformed input: random JSON of
// the wrong types, missing and extra fields, huge strings, deep nesting, invalid UTF-8, wrong
// content types, non-JSON bodies, bad path ids and query parameters, signed in and not, with the
// app's own Origin. The server answers below 500, every error is the documented shape with a
// registered code and no leaked detail, and a refused request (or any read) changes no row.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL, createTestApp, type TestApp } from "../setup/harness.ts";
import { clock } from "../../api/clock.ts";
import { dbFingerprint } from "../setup/db.ts";
import { errorProblem, LEAK, operationsOf, readBody, type Operation } from "./helpers.ts";

const CASES_PER_OPERATION = Number(process.env.TRUST_FUZZ_CASES ?? 150);
const SEED = Number(process.env.TRUST_SEED ?? 20_260_307);

let app: TestApp;
let operations: Operation[];
let tried = 0;

beforeAll(async () => {
  app = await createTestApp();
  operations = operationsOf((await app.api("GET", "/api/openapi.json")).json);
});
afterAll(async () => {
  console.log(`fuzz: ${tried} cases over ${operations.length} operations (seed ${SEED})`);
  await app.close();
});

/** A signed-in user with their own deal (joined by someone) and a commitment to another's deal. */
async function fixture() {
  const user = await app.createUser({ email: `fuzz-${Date.now()}-${Math.random()}@example.com` });
  const other = await app.createUser();
  const own = await app.createDeal({ initiator: user, threshold: 5, capacity: 6, maxSeatsPerCommitment: 3 });
  const theirs = await app.createDeal({ initiator: other, threshold: 5, capacity: 6, maxSeatsPerCommitment: 3 });
  const joined = await app.join(other, own.deal.id, 2);
  expect(joined.status).toBe(201);
  expect((await app.join(user, theirs.deal.id, 2)).status).toBe(201);
  // The commitment the user, as initiator, may remove (DELETE /deals/{id}/commitments/{commitmentId}).
  return { user, ownId: own.deal.id as string, theirId: theirs.deal.id as string, commitmentId: joined.json.commitment.id as string };
}

/** A valid body for each operation that takes one; the fuzz starts from it and breaks it. */
function validBody(op: Operation): Record<string, unknown> | undefined {
  const key = `${op.method} ${op.path}`;
  const bodies: Record<string, () => Record<string, unknown>> = {
    "POST /auth/email": () => ({ email: "fuzz@example.com" }),
    "POST /auth/callback": () => ({ token: "A".repeat(43) }),
    "PATCH /me": () => ({ displayName: "Fuzzy" }),
    "POST /deals": () => app.dealInput(),
    "POST /deals/{id}/commitments": () => ({ seats: 1 }),
    "POST /dev/clock": () => ({ offsetMs: 0 }),
    // growing the group
    "POST /deals/{id}/updates": () => ({ body: "Fuzzed update\nwith a second line" }),
    // editing and the soft threshold
    "PATCH /deals/{id}": () => ({ description: "Fuzzed", capacity: 7 }),
    "POST /deals/{id}/go-ahead": () => ({ message: "We go ahead." }),
    // moderation (issue 15)
    "POST /deals/{id}/report": () => ({ reason: "Looks like a scam." }),
    // co-creation and trust
    "POST /deals/{id}/reviews": () => ({ rating: "positive", comment: "Fine." }),
    // paying at the tip
    "POST /dev/payments/{paymentId}": () => ({ outcome: "paid" }),
  };
  if (!op.operation.requestBody) return undefined;
  const make = bodies[key];
  if (!make) throw new Error(`${key} takes a body: add a valid one to the fuzz table`);
  return make();
}

const weirdIds = [
  "0000000000000000",
  "zzzzzzzzzzzzzzzz",
  "ABCDEFGHIJKLMNOP",
  "k3v9x0q2m1z8a7b",
  "k3v9x0q2m1z8a7b6x",
  "..",
  "%2e%2e",
  "%2F",
  "%00",
  "%ZZ",
  "%",
  "%E0%A4%A",
  "%C3%28",
  "%FF%FE",
  "__proto__",
  "constructor",
  "null",
  "-1",
  "1e999",
  "%20",
  "mine",
  "a".repeat(5000),
  "%F0%9F%98%80",
  "' OR 1=1 --",
  "<script>",
];

const contentTypes = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "application/vnd.api+json",
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "",
  "application/json, text/plain",
  ";;;",
];

const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);

const bodyKinds = [
  "none",
  "valid",
  "wrongType",
  "missing",
  "extra",
  "randomJson",
  "hugeString",
  "deepArray",
  "deepObject",
  "invalidUtf8",
  "nonJson",
  "protoKeys",
  "oddNumbers",
  "emptyString",
] as const;

const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  // Cursors that decode, with keys and ids of the wrong kinds.
  fc
    .record({
      k: fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 30 }), fc.constant(null), fc.jsonValue({ maxDepth: 1 })),
      id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)),
    })
    .map((c) => Buffer.from(JSON.stringify(c)).toString("base64url")),
  fc.constantFrom("-1", "0", "1e9", "NaN", "0x10", "open", "csv", "json", "%ZZ", "x".repeat(300), "[]", "{}", "true", ""),
);

/** A valid value for a documented query parameter, from its schema. */
function validParam(schema: { enum?: string[]; type?: string; minimum?: number; format?: string }, n: number): string | null {
  if (schema.enum) return schema.enum[n % schema.enum.length]!;
  if (schema.type === "integer") return String(schema.minimum ?? 1);
  if (schema.format === "email") return "fuzz@example.com";
  return null;
}

const caseArb = fc.record({
  who: fc.constantFrom("user", "user", "signedOut", "garbageCookie"),
  target: fc.constantFrom("own", "theirs", "weird", "random"),
  weirdId: fc.constantFrom(...weirdIds),
  randomId: fc.string({ unit: "grapheme", maxLength: 40 }),
  /** Random extra parameters, and a value for one documented parameter. */
  query: fc.dictionary(fc.oneof(fc.constantFrom("id", "userId", "commitmentId"), fc.string({ maxLength: 8 })), queryValue, {
    maxKeys: 2,
  }),
  fuzzParam: fc.nat(),
  fuzzValue: queryValue,
  documented: fc.boolean(),
  repeatQuery: fc.boolean(),
  bodyKind: fc.constantFrom(...bodyKinds),
  field: fc.nat(),
  value: fc.jsonValue({ maxDepth: 3 }),
  text: fc.string({ unit: "binary", maxLength: 200 }),
  size: fc.integer({ min: 1_000, max: 80_000 }),
  depth: fc.integer({ min: 100, max: 30_000 }),
  contentType: fc.constantFrom(...contentTypes, ...Array(6).fill("application/json")),
  cookie: fc.string({ maxLength: 60 }),
});

type CaseValue = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function bodyFor(op: Operation, c: CaseValue): string | Uint8Array<ArrayBuffer> | undefined {
  const valid = validBody(op) ?? {};
  const keys = Object.keys(valid);
  const pick = keys.length ? keys[c.field % keys.length]! : "field";
  switch (c.bodyKind) {
    case "none":
      return undefined;
    case "valid":
      return JSON.stringify(valid);
    case "wrongType":
      return JSON.stringify({ ...valid, [pick]: c.value });
    case "missing": {
      const { [pick]: _, ...rest } = valid;
      return JSON.stringify(rest);
    }
    case "extra":
      return JSON.stringify({ ...valid, [`x${c.field}`]: c.value, isAdmin: true, userId: "0000000000000000" });
    case "randomJson":
      return JSON.stringify(c.value);
    case "hugeString":
      return JSON.stringify({ ...valid, [pick]: "x".repeat(c.size) });
    case "deepArray":
      return deep(Math.min(c.depth, 30_000), "[", "]");
    case "deepObject":
      return `${'{"a":'.repeat(Math.min(c.depth, 12_000))}1${"}".repeat(Math.min(c.depth, 12_000))}`;
    case "invalidUtf8": {
      const json = Buffer.from(JSON.stringify({ ...valid, [pick]: "@@@@" }));
      const at = json.indexOf("@@@@");
      // Lone continuation bytes, an overlong encoding and a truncated sequence.
      if (at >= 0) json.set([0x80, 0xc0, 0xaf, 0xe2], at);
      return new Uint8Array(json.buffer.slice(json.byteOffset, json.byteOffset + json.length) as ArrayBuffer);
    }
    case "nonJson":
      return c.text;
    case "protoKeys":
      return `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(valid).slice(1) || "}"}`;
    case "oddNumbers":
      return JSON.stringify(valid).replace(/:(\d+)/g, ":1e400").replace(/^\{\}$/, '{"n":-0.0e-999}');
    case "emptyString":
      return "";
  }
}

function urlFor(op: Operation, c: CaseValue, fx: Awaited<ReturnType<typeof fixture>>): string {
  const id =
    c.target === "own"
      ? fx.ownId
      : c.target === "theirs"
        ? fx.theirId
        : c.target === "weird"
          ? c.weirdId
          : encodeURIComponent(c.randomId) || "x";
  let url = `/api${op.path.replace("{id}", id).replace("{commitmentId}", c.target === "weird" ? c.weirdId : fx.commitmentId)}`;
  // The documented parameters, valid or absent, then one of them fuzzed, then random extras.
  const params = new Map<string, string>();
  const documented = (op.operation.parameters ?? []).filter((p) => p.in === "query");
  if (c.documented) {
    for (const p of documented) {
      const v = validParam(p.schema as never, c.field);
      if (v !== null) params.set(p.name, v);
    }
  }
  if (documented.length) params.set(documented[c.fuzzParam % documented.length]!.name, c.fuzzValue);
  for (const [k, v] of Object.entries(c.query)) params.set(k, v);
  if (params.size) {
    const qs = [...params].map(([k, v]) => `${encodeURIComponent(k)}=${v.startsWith("%") ? v : encodeURIComponent(v)}`);
    if (c.repeatQuery) qs.push(...qs);
    url += `?${qs.join("&")}`;
  }
  return url;
}

describe("fuzzing every operation in the OpenAPI document", () => {
  it("covers the document", () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    for (const op of operations.filter((o) => o.operation.requestBody)) expect(() => validBody(op)).not.toThrow();
  });

  it("answers malformed input with 4xx in the error shape, and a refusal changes nothing", async () => {
    for (const [index, op] of operations.entries()) {
      // A fresh, small database for each operation keeps the before-and-after fingerprints cheap.
      await app.close();
      app = await createTestApp();
      let fx = await fixture();
      await fc.assert(
        fc.asyncProperty(caseArb, async (c) => {
          tried++;
          const url = urlFor(op, c, fx);
          const body = op.method === "GET" ? undefined : bodyFor(op, c);
          const headers: Record<string, string> = { origin: APP_URL };
          if (body !== undefined && c.contentType) headers["content-type"] = c.contentType;
          if (c.who === "user") headers.cookie = fx.user.cookie;
          if (c.who === "garbageCookie") headers.cookie = `quorum_session=${c.cookie}; other=%ZZ`;
          const before = dbFingerprint(app.built.db.raw);

          const res = await app.request(url, { method: op.method, headers, body });
          const text = await readBody(res);
          const what = `${op.method} ${url.slice(0, 200)} (${c.bodyKind}, ${c.contentType || "no type"}, ${c.who}) → ${res.status} ${text.slice(0, 300)}`;

          expect(res.status, what).toBeLessThan(500);
          if (res.status >= 400) {
            expect(errorProblem(res.status, text), what).toBeNull();
            expect(dbFingerprint(app.built.db.raw), `a refusal changed the database: ${what}`).toEqual(before);
          } else {
            expect(text, what).not.toMatch(LEAK);
            if (op.method === "GET") expect(dbFingerprint(app.built.db.raw), `a read changed the database: ${what}`).toEqual(before);
            else {
              // An accepted change: let the work it queued finish, and start again from a fresh
              // scene if it used up this one (a sign-out, a cancel, a join or a withdrawal).
              clock.setOffset(0);
              await app.built.background.runNow();
              if (/sign-out|cancel|commitments/.test(op.path)) fx = await fixture();
            }
          }
        }),
        { numRuns: CASES_PER_OPERATION, seed: SEED + index, endOnFailure: true },
      );
    }
    // Each operation adds its cases: on a busy machine the whole document passes two minutes.
  }, Math.max(300_000, CASES_PER_OPERATION * 1_000));
});
