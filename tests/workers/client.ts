// A JSON client of a local Worker (wrangler dev), shared by the Workers tests, and signing in
// through its development mailbox.
import { expect } from "vitest";

export type Answer = { status: number; json: any; headers: Headers };

/**
 * How long one request may wait for the local Worker. A request that never answered once held a
 * test to its 180 s timeout during a full `npm run check` (2026-12-01; not seen again alone or
 * under load): this names the request instead.
 */
const ANSWER_WITHIN_MS = 60_000;

export function client(base: string) {
  return async function api(method: string, path: string, { cookie, body }: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      });
      text = await res.text();
    } catch (e) {
      if ((e as Error).name === "TimeoutError") throw new Error(`${method} ${path}: no answer from the local Worker within ${ANSWER_WITHIN_MS / 1000} s`);
      throw e;
    }
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
