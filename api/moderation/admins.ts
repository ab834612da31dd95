// Who administers: a signed-in user whose email ADMIN_EMAILS lists. The admin routes' guard, at
// the edge, is requireAdmin in routes.ts.
import type { Config } from "../config.ts";

export const isAdmin = (config: Config, email: string | null | undefined): boolean =>
  !!email && config.adminEmails.includes(email.trim().toLowerCase());
