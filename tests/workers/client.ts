// A JSON client of a local Worker (wrangler dev), shared by the Workers tests, and signing in
// through its development mailbox.
import { expect } from "vitest";

export type Answer = { status: number; json: any; headers: Headers };

/**
 * How long one request may wait for the local Worker before the test fails naming it: twice, a
 * request never answered during a full `npm run check` (2026-12-01, and in CI) and held the test
 * to its 180 s timeout.
 */
const ANSWER_WITHIN_MS = 60_000;

/**
 * How long a request waits before the client nudges wrangler's dev proxy. `wrangler dev` (4.86)
 * sends every request through a ProxyWorker, which parks a GET or HEAD whose forwarding to the
 * Worker failed (templates/startDevWorker/ProxyWorker.ts: it compares the request's full URL with
 * the Worker's bare origin, so any path but "/" takes the "Worker is reloading" branch) and
 * forwards it again only when the next request arrives. Under the full suite's load a GET sat
 * there with nothing behind it. Another request (the health check) lets it go; a deployed Worker
 * has no such proxy.
 */
const NUDGE_AFTER_MS = 15_000;

/** Whether the local Worker answers its health check within 5 s, as text for an error message. */
async function healthNow(base: string): Promise<string> {
  try {
    const res = await fetch(base + "/api/health", { signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel();
    return `the health check answered ${res.status}`;
  } catch (e) {
    return `the health check did not answer either (${(e as Error).name})`;
  }
}

/** Whether a fetch failed because the other side closed the (kept-alive) connection. */
const closedUnderfoot = (e: unknown) => (e as { cause?: { code?: string } }).cause?.code === "UND_ERR_SOCKET";

/** The answer of wrangler's dev proxy, not of the app, when a request's forwarding failed (see NUDGE_AFTER_MS). */
export const fromDevProxy = (a: Answer) => a.status === 503 && typeof a.json === "string" && a.json.startsWith("Your worker restarted mid-request");

/**
 * @param output what wrangler and the Worker printed so far, for the message of a request that never answered.
 * @param nudgeAfterMs see NUDGE_AFTER_MS (shorter in the client's own test).
 */
export function client(base: string, output?: () => string, { nudgeAfterMs = NUDGE_AFTER_MS } = {}) {
  return async function api(method: string, path: string, { cookie, body }: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
    let res: Response;
    let text: string;
    const nudges: string[] = [];
    const nudging = setInterval(() => void healthNow(base).then((h) => nudges.push(h)), nudgeAfterMs);
    const send = () =>
      fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      });
    try {
      try {
        res = await send();
      } catch (e) {
        // A kept-alive connection the server closed as this request went out on it: a GET or HEAD
        // is sent once more, on a new one (seen once, after a `wrangler d1 execute` of several
        // seconds left the connection idle).
        if (!closedUnderfoot(e) || (method !== "GET" && method !== "HEAD")) throw e;
        console.warn(`${method} ${path}: the connection was closed as it was sent; sending it once more`);
        res = await send();
      }
      text = await res.text();
    } catch (e) {
      if ((e as Error).name === "TimeoutError") {
        const printed = output?.().slice(-4_000) ?? "";
        throw new Error(`${method} ${path}: no answer from the local Worker within ${ANSWER_WITHIN_MS / 1000} s (nudged: ${nudges.join("; ") || "none"}).\n${printed}`);
      }
      throw e;
    } finally {
      clearInterval(nudging);
    }
    if (nudges.length) console.warn(`${method} ${path} answered ${res.status} after ${nudges.length} nudge(s) of wrangler's dev proxy: ${nudges.join("; ")}`);
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  };
}

/** The sign-in token in an email's links, if it has one. */
const tokenIn = (links: string[]) => {
  const link = links.find((l) => l.includes("/auth/callback?token="));
  return link ? new URL(link).searchParams.get("token") : null;
};

/** Exchanges a sign-in token for a session: its cookie and the user. */
export async function exchange(api: ReturnType<typeof client>, token: string) {
  const res = await api("POST", "/api/auth/callback", { body: { token } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return { cookie, user: res.json.user as { id: string; email: string } };
}

/**
 * Signs these addresses in, 25 at a time, through the development mailbox: each request's own
 * dispatch runs after its answer (waitUntil), and the sweep sends what is left.
 */
export async function signInAll(api: ReturnType<typeof client>, emails: string[]) {
  for (let i = 0; i < emails.length; i += 25) {
    await Promise.all(emails.slice(i, i + 25).map((email) => api("POST", "/api/auth/email", { body: { email } })));
  }
  // Only these addresses' links: the mailbox also holds earlier sign-ins of the same Worker.
  const wanted = new Set(emails);
  const tokens = new Map<string, string>();
  for (let attempt = 0; tokens.size < emails.length && attempt < 20; attempt++) {
    await api("POST", "/api/dev/sweep");
    for (const m of (await api("GET", "/api/dev/mailbox?limit=500")).json.items as { to: string; links: string[] }[]) {
      const token = tokenIn(m.links);
      if (token && wanted.has(m.to) && !tokens.has(m.to)) tokens.set(m.to, token);
    }
    if (tokens.size < emails.length) await new Promise((r) => setTimeout(r, 250));
  }
  expect(tokens.size, "sign-in links found in the mailbox").toBe(emails.length);
  const sessions: Awaited<ReturnType<typeof exchange>>[] = [];
  for (let i = 0; i < emails.length; i += 25) {
    sessions.push(...(await Promise.all(emails.slice(i, i + 25).map((email) => exchange(api, tokens.get(email)!)))));
  }
  return sessions;
}

/**
 * Everyone joins deal `dealId` at once. A 503 may come from the app (DATABASE_UNAVAILABLE: nothing
 * was written) or from wrangler's dev proxy when forwarding failed (the join may have gone
 * through): a client tries again, up to 5 times, and ALREADY_COMMITTED after a proxy's 503 then
 * means the first try counted: the answer becomes a 201 with the commitment it made, as the
 * user's own read of the deal shows it. Answers in the users' order, and how many joins were sent
 * again.
 */
export async function joinAll(
  api: ReturnType<typeof client>,
  dealId: string,
  users: { cookie: string }[],
  body: (i: number) => Record<string, unknown>,
) {
  const joinAs = (i: number) => api("POST", `/api/deals/${dealId}/commitments`, { cookie: users[i]!.cookie, body: body(i) });
  const answers = await Promise.all(users.map((_, i) => joinAs(i)));
  let again = 0;
  for (let i = 0; i < answers.length; i++) {
    let proxied = false;
    for (let attempt = 0; answers[i]!.status === 503 && attempt < 5; attempt++) {
      again++;
      proxied ||= fromDevProxy(answers[i]!);
      answers[i] = await joinAs(i);
    }
    if (proxied && answers[i]!.json?.error?.code === "ALREADY_COMMITTED") {
      const mine = (await api("GET", `/api/deals/${dealId}`, { cookie: users[i]!.cookie })).json.deal.viewerCommitment;
      answers[i] = { ...answers[i]!, status: 201, json: { commitment: mine } };
    }
  }
  return { answers, again };
}
