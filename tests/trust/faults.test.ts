// Faults: a database that is read-only or full answers 503 DATABASE_UNAVAILABLE and keeps no
// partial state, on the Prisma paths and on the raw SQL batches; and corrupt requests against a
// listening server (half-sent bodies, wrong content types, a 10 MB body, slowloris clients)
// neither take it down nor hold it up for anyone else.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createTestApp, startTestServer, type TestApp } from "../setup/harness.ts";
import { HTTP_TIMEOUTS } from "../../api/server.ts";
import { dbFingerprint } from "../setup/db.ts";
import { errorProblem } from "./helpers.ts";

const HOUR = 3_600_000;

/** An app on a database file of its own, removed afterwards. */
async function fileApp(): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "quorum-faults-"));
  const app = await createTestApp({ DATABASE_URL: `file:${join(dir, "quorum.db")}` });
  onTestFinished(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return app;
}

function expectUnavailable(res: { status: number; text: string }, what: string) {
  expect(res.status, `${what}: ${res.text}`).toBe(503);
  expect(JSON.parse(res.text).error.code, what).toBe("DATABASE_UNAVAILABLE");
  expect(errorProblem(res.status, res.text), what).toBeNull();
}

describe("a read-only database", () => {
  it("answers every write with 503 DATABASE_UNAVAILABLE, keeps no partial state, and still serves reads", async () => {
    const app = await fileApp();
    const ines = await app.createUser();
    const ada = await app.createUser();
    const bob = await app.createUser();
    const { deal } = await app.createDeal({ initiator: ines, threshold: 2 });
    const { deal: expiring } = await app.createDeal({ initiator: ines, threshold: 5 });
    await app.join(ada, deal.id, 1);
    await app.join(ada, expiring.id, 1);
    const token = (await app.api("POST", "/api/auth/email", { body: { email: "new@example.com" } })).status;
    expect(token).toBe(202);
    await app.built.background.runNow();

    // What a read-only file, mount or volume gives: SQLITE_READONLY on every write.
    app.built.db.raw.pragma("query_only = ON");
    const before = dbFingerprint(app.built.db.raw);
    const writes: [string, () => ReturnType<TestApp["api"]>][] = [
      // The raw SQL batches
      ["join", () => app.join(bob, deal.id, 1)],
      ["withdraw", () => app.api("DELETE", `/api/deals/${deal.id}/commitments/mine`, { as: ada })],
      ["cancel", () => app.api("POST", `/api/deals/${deal.id}/cancel`, { as: ines })],
      ["sign-in email", () => app.api("POST", "/api/auth/email", { body: { email: "ada@example.com" } })],
      ["sign-in callback", () => app.api("POST", "/api/auth/callback", { body: { token: "A".repeat(43) } })],
      // Prisma
      ["propose", () => app.api("POST", "/api/deals", { as: ines, body: app.dealInput() })],
      ["rename", () => app.api("PATCH", "/api/me", { as: ada, body: { displayName: "Ada L." } })],
      ["sign out", () => app.api("POST", "/api/auth/sign-out", { as: bob })],
    ];
    for (const [what, write] of writes) {
      expectUnavailable(await write(), what);
      expect(dbFingerprint(app.built.db.raw), `${what} left partial state`).toEqual(before);
    }
    // The deadline sweep, through the development route (the timer logs the same failure).
    app.advance(8 * 24 * HOUR);
    expectUnavailable(await app.api("POST", "/api/dev/sweep"), "sweep");
    expect(dbFingerprint(app.built.db.raw), "sweep left partial state").toEqual(before);

    // Reads go on: the deal past its deadline reads as failed without the sweep.
    expect((await app.api("GET", `/api/deals/${expiring.id}`)).json.deal.status).toBe("failed");
    expect((await app.api("GET", "/api/health")).status).toBe(200);
    expect((await app.api("GET", "/api/me", { as: ada })).status).toBe(200);

    // Writable again: the same app recovers without a restart.
    app.built.db.raw.pragma("query_only = OFF");
    expect((await app.api("POST", "/api/dev/sweep")).json.failed).toBe(2);
    expect((await app.api("POST", "/api/deals", { as: ines, body: app.dealInput() })).status).toBe(201);
  });
});

describe("a full database", () => {
  /** No page may be added to the file; what needs a new page fails with SQLITE_FULL. */
  function fill(app: TestApp) {
    const raw = app.built.db.raw;
    // Migrations that drop an index leave its pages free; a full file has none to reuse.
    raw.exec("VACUUM");
    raw.pragma("wal_checkpoint(TRUNCATE)");
    const pages = Number(raw.pragma("page_count", { simple: true }));
    expect(Number(raw.pragma("freelist_count", { simple: true }))).toBe(0);
    raw.pragma(`max_page_count = ${pages}`);
  }
  const unfill = (app: TestApp) => app.built.db.raw.pragma("max_page_count = 1073741823");

  it("answers a proposal that needs new pages (Prisma) with 503 and stores nothing", async () => {
    const app = await fileApp();
    const ines = await app.createUser();
    fill(app);
    const before = dbFingerprint(app.built.db.raw);
    // Longer than a page: it cannot be stored without new ones.
    const big = app.dealInput({ description: "x".repeat(4_990), title: "A deal with a long description" });

    expectUnavailable(await app.api("POST", "/api/deals", { as: ines, body: big }), "propose");

    expect(dbFingerprint(app.built.db.raw)).toEqual(before);
    unfill(app);
    expect((await app.api("POST", "/api/deals", { as: ines, body: big })).status).toBe(201);
  });

  it("answers a confirming join (a raw batch fanning out 61 emails) with 503, all or nothing", async () => {
    const app = await fileApp();
    const { deal, initiator } = await app.createDeal({ threshold: 61 });
    for (let i = 0; i < 60; i++) expect((await app.join(await app.createUser(), deal.id, 1)).status).toBe(201);
    const last = await app.createUser();
    fill(app);
    const before = dbFingerprint(app.built.db.raw);

    expectUnavailable(await app.join(last, deal.id, 1), "the confirming join");

    // Not the commitment without the confirmation, nor the confirmation without the emails.
    expect(dbFingerprint(app.built.db.raw)).toEqual(before);
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal).toMatchObject({ status: "open", seatsCommitted: 60 });
    unfill(app);
    expect((await app.join(last, deal.id, 1)).json.dealStatus).toBe("confirmed");
    const recipients = await app.notifications({ dealId: deal.id, kind: "deal-confirmed" });
    expect(recipients).toHaveLength(62);
    expect(new Set(recipients.map((n) => n.userId))).toContain(initiator.id);
  });

  it("answers the deadline sweep (a raw batch fanning out 41 emails) with 503, all or nothing", async () => {
    const app = await fileApp();
    const { deal } = await app.createDeal({ threshold: 50 });
    for (let i = 0; i < 40; i++) await app.join(await app.createUser(), deal.id, 1);
    await app.built.background.runNow();
    app.advance(8 * 24 * HOUR);
    fill(app);
    const before = dbFingerprint(app.built.db.raw);

    expectUnavailable(await app.api("POST", "/api/dev/sweep"), "sweep");

    expect(dbFingerprint(app.built.db.raw)).toEqual(before);
    expect((await app.api("GET", `/api/deals/${deal.id}`)).json.deal.status).toBe("failed");
    unfill(app);
    expect((await app.api("POST", "/api/dev/sweep")).json.failed).toBe(1);
    expect(await app.notifications({ dealId: deal.id, kind: "deal-failed" })).toHaveLength(41);
  });
});

// ---- Corrupt requests against a listening server ---------------------------------------------

type Server = Awaited<ReturnType<typeof startTestServer>>;

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Collects what the server sends; `closed` resolves when it closes the connection. */
function listen(socket: Socket) {
  let received = "";
  socket.on("data", (d) => (received += d.toString("latin1")));
  socket.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now())));
  return { text: () => received, closed };
}

async function timedGet(server: Server, path = "/api/deals") {
  const started = performance.now();
  const res = await fetch(server.url + path);
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = performance.now() + ms;
  while (!ok() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

describe("corrupt requests against a listening server", () => {
  let server: Server;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = (await server.createUser()).cookie;
  });
  afterAll(() => server.close());

  it("survives half-sent bodies, closed or left hanging, and changes nothing", async () => {
    const before = dbFingerprint(server.built.db.raw);
    const head = (length: number) =>
      `POST /api/deals HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${length}\r\n\r\n`;
    const hanging: Socket[] = [];
    for (let i = 0; i < 10; i++) {
      const socket = await open(server.url);
      listen(socket);
      socket.write(head(1000) + '{"title":"Half a deal","threshold":');
      if (i % 3 === 0) socket.end(); // close our side
      else if (i % 3 === 1) socket.destroy(); // reset
      else hanging.push(socket); // leave it hanging
    }
    // A body shorter than announced is never taken as complete, and others are answered meanwhile.
    for (let i = 0; i < 5; i++) {
      const { status, ms } = await timedGet(server);
      expect(status).toBe(200);
      expect(ms).toBeLessThan(1_000);
    }
    for (const s of hanging) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(dbFingerprint(server.built.db.raw)).toEqual(before);
    expect((await timedGet(server, "/api/health")).status).toBe(200);
  });

  it("answers wrong content types over the wire with 415 or 400 in the error shape", async () => {
    const before = dbFingerprint(server.built.db.raw);
    for (const [type, body] of [
      ["text/plain", '{"title":"x"}'],
      ["application/x-www-form-urlencoded", "title=x&threshold=2"],
      ["multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--zz--\r\n"],
      ["application/json", "title=x"],
      ["application/json; charset=utf-16", '\u0000{\u0000}'],
      ["image/png", "\u0089PNG\r\n\u001a\n"],
    ]) {
      const res = await fetch(`${server.url}/api/deals`, { method: "POST", headers: { cookie, "content-type": type! }, body });
      const text = await res.text();
      expect([400, 415], `${type}: ${res.status} ${text}`).toContain(res.status);
      expect(errorProblem(res.status, text), type).toBeNull();
    }
    expect(dbFingerprint(server.built.db.raw)).toEqual(before);
  });

  it("answers a 10 MB body with 413 without reading it all, announced or chunked", async () => {
    const TEN_MB = 10 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const upload = async (headers: string, frame: (b: Buffer) => Buffer) => {
      const socket = await open(server.url);
      const got = listen(socket);
      socket.write(`POST /api/deals HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/json\r\n${headers}\r\n`);
      let sent = 0;
      while (sent < TEN_MB && !got.text().includes("\r\n\r\n") && !socket.destroyed) {
        if (!socket.write(frame(chunk))) await new Promise((r) => socket.once("drain", r).once("close", r));
        sent += chunk.length;
        // Now and then, give the server a moment to answer.
        if (sent % (512 * 1024) === 0) await new Promise((r) => setTimeout(r, 5));
      }
      await until(() => got.text().includes("\r\n\r\n"), 5_000);
      socket.destroy();
      return { sent, response: got.text() };
    };

    const announced = await upload(`Content-Length: ${TEN_MB}\r\n`, (b) => b);
    expect(announced.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(announced.response).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(announced.sent).toBeLessThan(TEN_MB / 2);

    const chunked = await upload("Transfer-Encoding: chunked\r\n", (b) =>
      Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")]),
    );
    expect(chunked.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.sent).toBeLessThan(TEN_MB / 2);

    expect((await timedGet(server, "/api/health")).status).toBe(200);
  });

  it("is not held up by slowloris clients, and drops them after the header timeout", async () => {
    const started = performance.now();
    const slow = await Promise.all(Array.from({ length: 12 }, () => open(server.url)));
    const heard = slow.map(listen);
    const header = "GET /api/deals HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    let i = 0;
    // One header byte a second from each socket, never finishing the headers.
    const drip = setInterval(() => {
      for (const s of slow) if (!s.destroyed) s.write(i < header.length ? header[i]! : "a");
      i++;
    }, 1_000);
    onTestFinished(() => {
      clearInterval(drip);
      for (const s of slow) s.destroy();
    });

    // Meanwhile another client is answered at once, again and again.
    const latencies: number[] = [];
    for (let n = 0; n < 10; n++) {
      const { status, ms } = await timedGet(server);
      expect(status).toBe(200);
      latencies.push(ms);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    // The server closes every one of them once the header timeout has passed (checked each second).
    const limit = HTTP_TIMEOUTS.headersMs + HTTP_TIMEOUTS.checkIntervalMs + 2_000;
    const closedAt = await Promise.all(heard.map((h) => Promise.race([h.closed, new Promise<number>((r) => setTimeout(() => r(Infinity), limit))])));
    clearInterval(drip);
    for (const at of closedAt) expect(at - started).toBeLessThan(limit);
    expect(heard[0]!.text()).toMatch(/^HTTP\/1\.1 408 /);
    expect((await timedGet(server, "/api/health")).status).toBe(200);
  }, 30_000);
});
