// The limits on sign-in emails, kept in the database so they hold across processes, Worker
// isolates and restarts: per client address, per email address, and a global hourly cap that
// keeps a burst from using up the mail provider's quota. The edge counts them before it asks
// for a link.
import type { Deps } from "../context.ts";
import { countHit } from "./rate-counter.ts";
import { LIMITS } from "./rate-limit.ts";

const HOUR_MS = 3_600_000;

export async function countSignInEmail(deps: Deps, { ipKey, email }: { ipKey: string; email: string }): Promise<void> {
  await countHit(deps, `sign-in:ip:${ipKey}`, LIMITS.signInPerIp);
  await countHit(deps, `sign-in:email:${email}`, LIMITS.signInPerEmail);
  const cap = { limit: deps.config.signInEmailsPerHour, windowMs: HOUR_MS };
  // Logged once per hour, by whichever process takes the last place: the operator should know.
  if ((await countHit(deps, "sign-in:all", cap)) === cap.limit) {
    deps.log.warn("sign-in emails reached the hourly cap; further requests are refused until the hour ends", {
      cap: cap.limit,
      variable: "SIGN_IN_EMAILS_PER_HOUR",
    });
  }
}
