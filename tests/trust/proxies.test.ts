// Behind a proxy: X-Forwarded-For is believed only from a peer in TRUSTED_PROXIES, read right to
// left up to the first untrusted address. Proved through the per-address sign-in limit of a real
// listening server, with client sockets bound to different loopback addresses (127.0.0.2, …) so
// that the server sees different peers.
import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clock } from "../../api/clock.ts";
import { loadConfig } from "../../api/config.ts";
import { startServer, type RunningServer } from "../../api/server.ts";
import { clientBehindProxies, formatAddress, isTrusted, parseAddress, parseTrustedProxies } from "../../api/http/trusted-proxies.ts";

// The sign-in limits count in fixed windows (kept in the database): each test starts just after an
// hour begins, so no window boundary falls inside a test.
beforeEach(() => clock.setOffset(clock.offsetMs() + 3_600_000 - (clock.nowMs() % 3_600_000) + 1_000));
afterEach(() => clock.setOffset(0));

const ranges = (list: string) => {
  const { ranges, invalid } = parseTrustedProxies(list);
  expect(invalid).toEqual([]);
  return ranges;
};

describe("TRUSTED_PROXIES: parsing and matching", () => {
  it("reads addresses and CIDR ranges, and reports what it can't read", () => {
    expect(ranges(" 127.0.0.1/8, 10.0.0.0/8,2001:db8::/32, ::1 ,").map((r) => r.text)).toEqual([
      "127.0.0.1/8",
      "10.0.0.0/8",
      "2001:db8::/32",
      "::1",
    ]);
    const bad = ["10.0.0.0/33", "1.2.3", "300.1.1.1", "01.2.3.4", "2001:db8::/129", "fe80::1::2", "1:2:3:4:5:6:7:8:9", "proxy", "1.2.3.4/8/8", "10.0.0.0/", "10.0.0.0/-1"];
    expect(parseTrustedProxies(bad.join(",")).invalid).toEqual(bad);
  });

  it("matches by prefix, IPv4-mapped IPv6 included", () => {
    const r = ranges("127.0.0.1/8, 192.168.0.0/23, 2001:db8::/32, ::1");
    for (const a of ["127.0.0.1", "::ffff:127.0.0.1", "::FFFF:127.9.8.7", "127.255.255.255", "192.168.1.255", "2001:db8:ffff::1", "::1", "0:0:0:0:0:0:0:1"]) {
      expect(isTrusted(r, a), a).toBe(true);
    }
    for (const a of ["128.0.0.1", "::ffff:128.0.0.1", "192.168.2.0", "2001:db9::1", "::2", "unknown", "", "127.0.0.1.5"]) {
      expect(isTrusted(r, a), a).toBe(false);
    }
    expect(isTrusted(ranges("::ffff:10.0.0.0/104"), "10.1.2.3")).toBe(true);
    expect(isTrusted(ranges("0.0.0.0/0"), "203.0.113.9")).toBe(true);
    expect(isTrusted(ranges("0.0.0.0/0"), "2001:db8::1")).toBe(false);
  });

  it("writes addresses in their usual form", () => {
    const cases: [string, string][] = [
      ["2001:DB8:0:0::1", "2001:db8::1"],
      ["::", "::"],
      ["1::", "1::"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
      ["1:0:0:1:0:0:0:1", "1:0:0:1::1"],
      ["::ffff:203.0.113.7", "203.0.113.7"],
      ["::203.0.113.7", "::cb00:7107"],
      ["fe80::1%eth0", "fe80::1"],
    ];
    for (const [text, formatted] of cases) expect(formatAddress(parseAddress(text)!), text).toBe(formatted);
  });

  it("takes the right-most untrusted address of a trusted peer's X-Forwarded-For", () => {
    const r = ranges("127.0.0.2, 10.0.0.0/8");
    const cases: [peer: string, header: string | undefined, client: string][] = [
      ["198.51.100.1", "203.0.113.7", "198.51.100.1"], // untrusted peer: the header is ignored
      ["127.0.0.2", undefined, "127.0.0.2"], // no header: the proxy itself
      ["127.0.0.2", "203.0.113.7", "203.0.113.7"],
      ["::ffff:127.0.0.2", "203.0.113.7", "203.0.113.7"],
      ["127.0.0.2", "1.1.1.1, 203.0.113.7", "203.0.113.7"], // what the client wrote further left proves nothing
      ["127.0.0.2", "203.0.113.7, 10.0.0.5, 10.0.0.6", "203.0.113.7"],
      ["127.0.0.2", "10.0.0.5, 10.0.0.6", "10.0.0.5"], // trusted all the way: the furthest hop
      ["127.0.0.2", "garbage", "127.0.0.2"], // junk ends the walk at the last hop vouched for
      ["127.0.0.2", "203.0.113.7, garbage", "127.0.0.2"],
      ["127.0.0.2", "203.0.113.7, garbage, 10.0.0.5", "10.0.0.5"],
      ["127.0.0.2", "garbage, 203.0.113.7", "203.0.113.7"],
      ["127.0.0.2", "203.0.113.7, , 10.0.0.5", "10.0.0.5"],
      ["127.0.0.2", "203.0.113.7:5555", "203.0.113.7"],
      ["127.0.0.2", "[2001:DB8::1]:443", "2001:db8::1"],
      ["127.0.0.2", "::ffff:203.0.113.7", "203.0.113.7"],
    ];
    for (const [peer, header, client] of cases) expect(clientBehindProxies(peer, header, r), `${peer} / ${header}`).toBe(client);
    expect(clientBehindProxies("127.0.0.2", "203.0.113.7", [])).toBe("127.0.0.2");
  });
});

describe("TRUSTED_PROXIES on a listening server: the sign-in limit counts per client", () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(trustedProxies: string) {
    const config = loadConfig({
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: "file::memory:",
      LOG_LEVEL: "silent",
      MAIL_FROM: "Quorum <deals@quorum.test>",
      TRUSTED_PROXIES: trustedProxies,
    });
    expect(config.rateLimits).toBe(true);
    server = await startServer(config, { background: false });
    return server;
  }

  let emails = 0;

  /** One sign-in request from a socket bound to `from`, with these X-Forwarded-For lines. */
  function signIn(from: string, forwardedFor?: string | string[]): Promise<number> {
    const { port } = new URL(server!.url);
    const body = JSON.stringify({ email: `proxied${++emails}@example.com` });
    const headers: Record<string, string | string[]> = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
    if (forwardedFor !== undefined) headers["x-forwarded-for"] = forwardedFor;
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/auth/email", method: "POST", localAddress: from, agent: false, headers }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode!));
      });
      req.once("error", reject);
      req.end(body);
    });
  }

  /** Sends until the limit answers 429; returns how many were accepted (202) before it. */
  async function exhaust(send: (i: number) => Promise<number>): Promise<number> {
    for (let i = 0; i < 1000; i++) {
      const status = await send(i);
      if (status === 429) return i;
      expect(status).toBe(202);
    }
    throw new Error("no limit after 1000 sign-ins");
  }

  it("two clients behind a trusted proxy each get their own limit; the proxy keeps its own", async () => {
    await start("127.0.0.2");
    const limit = await exhaust(() => signIn("127.0.0.2", "203.0.113.7"));
    expect(limit).toBeGreaterThan(1);
    expect(await signIn("127.0.0.2", "203.0.113.7")).toBe(429);
    // The second client behind the same proxy has the whole limit to itself.
    expect(await exhaust(() => signIn("127.0.0.2", "203.0.113.8"))).toBe(limit);
    expect(await signIn("127.0.0.2")).toBe(202);
    // Another peer is not the first client, whatever its header says: it isn't trusted.
    expect(await signIn("127.0.0.3", "203.0.113.8")).toBe(202);
  });

  it("an untrusted peer's forged X-Forwarded-For is ignored: the limit sees the socket's address", async () => {
    await start("127.0.0.2");
    const limit = await exhaust((i) => signIn("127.0.0.3", `198.51.100.${i % 250}`));
    expect(limit).toBe(await exhaust((i) => signIn("127.0.0.2", `203.0.113.${i % 250}, 198.51.100.1`)));
    expect(await signIn("127.0.0.3")).toBe(429);
    expect(await signIn("127.0.0.3", "127.0.0.2")).toBe(429);
    // The addresses it forged are untouched; so is another peer.
    expect(await signIn("127.0.0.2", "198.51.100.7")).toBe(202);
    expect(await signIn("127.0.0.4")).toBe(202);
  });

  it("a chain of trusted hops: the client is the right-most untrusted address", async () => {
    await start("127.0.0.2, 10.0.0.0/8, 2001:db8::/32");
    const limit = await exhaust(() => signIn("127.0.0.2", "203.0.113.9, 10.1.1.1, 2001:db8::7"));
    // The same client by another path through the trusted network, or naming itself directly.
    expect(await signIn("127.0.0.2", "203.0.113.9, 10.9.9.9")).toBe(429);
    expect(await signIn("127.0.0.2", "203.0.113.9")).toBe(429);
    expect(await signIn("127.0.0.2", "203.0.113.9:41000, [2001:db8::7]:443")).toBe(429);
    // What the client wrote to the left of its own address changes nothing, on one line or two.
    expect(await signIn("127.0.0.2", "203.0.113.200, 203.0.113.9, 10.1.1.1")).toBe(429);
    expect(await signIn("127.0.0.2", ["203.0.113.201", "203.0.113.9, 10.1.1.1"])).toBe(429);
    // A different client through the same chain has its own limit.
    expect(await exhaust(() => signIn("127.0.0.2", "203.0.113.10, 10.1.1.1, 2001:db8::7"))).toBe(limit);
  });

  it("garbage in the header makes no fresh client: it counts as the hop that sent it", async () => {
    await start("127.0.0.2");
    const junk = (i: number) => [`garbage-${i}`, `<script>${i}`, `999.0.0.${i}`, `1.2.3.4.${i}`, `, ,${i}`, `unknown${i}`, `203.0.113.${i % 250} junk`, `203.0.113.${i % 250}, x${i}`][i % 8]!;
    const limit = await exhaust((i) => signIn("127.0.0.2", junk(i)));
    expect(limit).toBeGreaterThan(8);
    // All of it was counted against the proxy's own address.
    expect(await signIn("127.0.0.2")).toBe(429);
    expect(await signIn("127.0.0.2", "still junk")).toBe(429);
    // Real clients behind it are unaffected, even after junk further left.
    expect(await signIn("127.0.0.2", "203.0.113.50")).toBe(202);
    expect(await signIn("127.0.0.2", "garbage, 203.0.113.51")).toBe(202);
  });
});
