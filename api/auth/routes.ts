// Sign-in by email link, sessions, and the current user.
import { z } from "zod";
import { errorBody } from "../errors.ts";
import { errorsFor, json, jsonBody, router, routesTagged } from "../http/openapi.ts";
import { requireUser } from "../http/middleware.ts";
import { clientIp } from "../http/client-ip.ts";
import { ipLimitKey, LIMITS } from "../http/rate-limit.ts";
import { fields, Locale, MyCommitment, User } from "../contract/schemas.ts";
import { isTimeZone, TIME_ZONE_MAX } from "../contract/account.ts";
import { myCommitments } from "../deals/my-commitments.ts";
import { requestSignIn } from "./request-sign-in.ts";
import { completeSignIn } from "./complete-sign-in.ts";
import { endAllSessions, endSession } from "./sessions.ts";
import { lookUpSignIn } from "./look-up-sign-in.ts";
import { countSignInEmail } from "../http/sign-in-limits.ts";
import { updateUser } from "./update-user.ts";
import { canonicalEmail } from "./user.ts";
import { clearSessionCookie, setSessionCookie } from "./session-cookie.ts";

const authRoute = routesTagged("auth");
const meRoute = routesTagged("me");

// Checked for safety by safeReturnPath when stored; here only bounded.
const ReturnTo = z.string().max(2000);

const requestLink = authRoute("post", "/auth/email", "Send a sign-in link. Always 202, whether or not the address is known.", {
  request: jsonBody(
    z.object({
      email: fields.email,
      locale: Locale.optional(),
      returnTo: ReturnTo.optional().meta({
        description: "The page to land on after signing in: a path on this site; anything else is ignored",
        example: "/deals/k3v9x0q2m1z8a7b6?join=1",
      }),
    }),
  ),
  responses: { 202: json(z.object({ ok: z.literal(true) }), "A link is on its way"), ...errorsFor(400, 429) },
});

const SignInToken = z.string().min(20).max(100);
const TimeZone = z.string().max(200).meta({ description: "The browser's IANA time zone; ignored unless it is a real one", example: "Europe/Amsterdam" });

const UserTimeZone = z
  .string()
  .max(TIME_ZONE_MAX)
  .refine(isTimeZone, "Not a known time zone")
  .meta({ description: "An IANA time zone, for the times in emails", example: "Europe/Amsterdam" });

const lookUp = authRoute(
  "get",
  "/auth/callback/{token}",
  "Whose a sign-in link is (the address masked), without using it: the link's page asks before it signs in",
  {
    request: { params: z.object({ token: SignInToken }) },
    responses: {
      200: json(z.object({ email: z.string().meta({ example: "a•••@example.com" }) }), "The link is valid; whose it is"),
      ...errorsFor(400, 429),
    },
  },
);

const callback = authRoute("post", "/auth/callback", "Exchange a single-use sign-in token for a session cookie", {
  request: jsonBody(z.object({ token: SignInToken, locale: Locale.optional(), timeZone: TimeZone.optional() })),
  responses: {
    200: json(
      z.object({ user: User, returnTo: z.string().meta({ description: "Where to go now: the page the sign-in was asked from, or /me", example: "/me" }) }),
      "Signed in; sets the session cookie",
    ),
    ...errorsFor(400, 429),
  },
});

const signOut = authRoute("post", "/auth/sign-out", "End the session. The cookie is cleared even when its session had already ended (then 401).", {
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Signed out"), ...errorsFor(401) },
});

const signOutEverywhere = authRoute("post", "/auth/sign-out-everywhere", "End every session of the user, on every device, and clear this cookie", {
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Signed out everywhere"), ...errorsFor(401) },
});

const me = meRoute("get", "/me", "The current user", {
  responses: { 200: json(z.object({ user: User }), "The current user"), ...errorsFor(401) },
});

const updateMe = meRoute("patch", "/me", "Change the display name (which counts as choosing it), language or time zone", {
  request: jsonBody(
    z.object({ displayName: fields.displayName.optional(), locale: Locale.optional(), timeZone: UserTimeZone.optional() }).strict(),
  ),
  responses: { 200: json(z.object({ user: User }), "Updated"), ...errorsFor(400, 401) },
});

const mine = meRoute("get", "/me/commitments", "My commitments, with their deals", {
  responses: { 200: json(z.object({ items: z.array(MyCommitment) }), "My commitments"), ...errorsFor(401) },
});

export const authRoutes = router()
  .openapi(requestLink, async (c) => {
    const { email, locale, returnTo } = c.req.valid("json");
    await countSignInEmail(c.get("deps"), { ipKey: ipLimitKey(clientIp(c)), email: canonicalEmail(email) });
    await requestSignIn(c.get("deps"), { email, locale: locale ?? "en", returnTo });
    c.get("deps").metrics.signInEmail();
    return c.json({ ok: true as const }, 202);
  })
  .openapi(lookUp, async (c) => {
    c.get("limiter").hit(`callback:ip:${ipLimitKey(clientIp(c))}`, LIMITS.callbackPerIp);
    c.header("Cache-Control", "private, no-store");
    return c.json(await lookUpSignIn(c.get("deps"), c.req.valid("param")), 200);
  })
  .openapi(callback, async (c) => {
    c.get("limiter").hit(`callback:ip:${ipLimitKey(clientIp(c))}`, LIMITS.callbackPerIp);
    const { token, locale, timeZone } = c.req.valid("json");
    const { user, sessionToken, returnTo } = await completeSignIn(c.get("deps"), { token, locale: locale ?? "en", timeZone });
    // A fresh session at every sign-in; an older cookie in this browser is ended too.
    const earlier = c.get("sessionToken");
    if (earlier) await endSession(c.get("deps"), earlier);
    setSessionCookie(c, sessionToken);
    return c.json({ user, returnTo }, 200);
  })
  .openapi(signOut, async (c) => {
    // A cookie whose session has ended (or never was) goes too: the browser is left with none.
    if (c.get("sessionToken") !== null) clearSessionCookie(c);
    if (!c.get("user")) return c.json(errorBody("UNAUTHENTICATED", "Sign in first."), 401);
    await endSession(c.get("deps"), c.get("sessionToken")!);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(signOutEverywhere, async (c) => {
    if (c.get("sessionToken") !== null) clearSessionCookie(c);
    const user = c.get("user");
    if (!user) return c.json(errorBody("UNAUTHENTICATED", "Sign in first."), 401);
    await endAllSessions(c.get("deps"), user.id);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(me, (c) => c.json({ user: requireUser(c) }, 200))
  .openapi(updateMe, async (c) => {
    const { id } = requireUser(c);
    const user = await updateUser(c.get("deps"), { userId: id, changes: c.req.valid("json") });
    return c.json({ user }, 200);
  })
  .openapi(mine, async (c) => {
    const { id } = requireUser(c);
    return c.json({ items: await myCommitments(c.get("deps"), { userId: id }) }, 200);
  });
