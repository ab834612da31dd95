// Hono's environment for this app: what each request gets from its target, and the signed-in
// user, if any.
import type { z } from "zod";
import type { Deps } from "../context.ts";
import type { Background } from "../background.ts";
import type { User } from "../contract/schemas.ts";
import type { RateLimiter } from "./rate-limit.ts";

export interface AppEnv {
  Variables: {
    deps: Deps;
    /** The sweep and the outbox dispatch, as this target runs them. */
    background: Background;
    /** Rate limits are the edge's business: handlers count hits before they call a use case. */
    limiter: RateLimiter;
    user: z.output<typeof User> | null;
    sessionToken: string | null;
    /** Made up or taken from a trusted proxy; in every log line of the request and in x-request-id. */
    requestId: string;
    /** The answer sets or clears the session cookie: it is `private, no-store` (session-cookie.ts). */
    setsCookie?: boolean;
    /** An unexpected error the answer hides (a 500): its detail goes in the request's log line. */
    error?: Error;
  };
}
