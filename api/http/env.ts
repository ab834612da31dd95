// Hono's environment for this app: the dependencies and the signed-in user, if any.
import type { Deps } from "../context.ts";
import type { SessionUser } from "../auth/service.ts";
import type { Background } from "../background.ts";

export interface AppEnv {
  Variables: {
    deps: Deps;
    /** The sweep and the outbox dispatch, as this target runs them. */
    background: Background;
    user: SessionUser | null;
    sessionToken: string | null;
  };
}
