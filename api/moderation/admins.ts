// Who administers: a signed-in user whose email ADMIN_EMAILS lists. Admin routes answer 404 to a
// signed-out caller (they do not advertise themselves) and 403 to everyone else who is not one.
import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { AppEnv } from "../http/env.ts";
import { AppError } from "../errors.ts";

export const isAdmin = (config: Config, email: string | null | undefined): boolean =>
  !!email && config.adminEmails.includes(email.trim().toLowerCase());

export function requireAdmin(c: Context<AppEnv>) {
  const user = c.get("user");
  if (!user) throw new AppError("NOT_FOUND", "There is no such API route.");
  if (!isAdmin(c.get("deps").config, user.email)) throw new AppError("FORBIDDEN", "Only administrators may do this.");
  return user;
}
