// Sign-in through the real flow: ask for a link, let the outbox deliver it to the development
// mailbox, read the token from the link, and exchange it for a session cookie.
import type { TestApp } from "./harness.ts";

/** The token in the newest sign-in link the development mailbox holds for `email`. */
export async function latestSignInToken(app: TestApp, email: string): Promise<string> {
  const res = await app.api("GET", `/api/dev/mailbox?to=${encodeURIComponent(email)}`);
  const mail = (res.json?.items ?? []).find((m: { kind: string }) => m.kind === "sign-in");
  const token = mail ? new URL(mail.links[0]).searchParams.get("token") : null;
  if (!token) throw new Error(`no sign-in link for ${email}: ${res.status} ${res.text}`);
  return token;
}

/** Asks for a link and delivers it; returns the token from the mailbox. */
export async function requestSignInToken(app: TestApp, email: string): Promise<string> {
  const asked = await app.api("POST", "/api/auth/email", { body: { email } });
  if (asked.status !== 202) throw new Error(`POST /api/auth/email: ${asked.status} ${asked.text}`);
  await app.built.background.runNow();
  return latestSignInToken(app, email);
}

/** The `name=value` part of a Set-Cookie header, ready for a Cookie header. */
export function cookieFrom(setCookie: string | null): string {
  const pair = setCookie?.split(";")[0];
  if (!pair) throw new Error("no Set-Cookie header");
  return pair;
}

/** The whole flow; `cookie` is the session cookie to send on later requests. */
export async function signIn(app: TestApp, email: string) {
  const token = await requestSignInToken(app, email);
  const res = await app.api("POST", "/api/auth/callback", { body: { token } });
  if (res.status !== 200) throw new Error(`POST /api/auth/callback: ${res.status} ${res.text}`);
  return { user: res.json.user, cookie: cookieFrom(res.headers.get("set-cookie")), setCookie: res.headers.get("set-cookie")!, token };
}
