// Hono's environment for this app: the dependencies and the signed-in user, if any.
import type { Deps } from "../context.ts";
import type { SessionUser } from "../auth/service.ts";

export interface AppEnv {
  Variables: {
    deps: Deps;
    user: SessionUser | null;
    sessionToken: string | null;
  };
}
