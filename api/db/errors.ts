// Database failures that are the operator's problem, not a bug, answer 503 with a clear code.
import { AppError } from "../errors.ts";

/** A full or read-only database is the operator's problem, not a bug: say so with a 503. */
export function mapSqliteError(e: unknown): unknown {
  const code = (e as { code?: string }).code ?? "";
  // Through Prisma, the driver's code survives only in the message.
  const message = e instanceof Error ? e.message : "";
  if (
    /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED)/.test(code) ||
    /SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY)|readonly database|database or disk is full|disk I\/O error|database is locked/.test(message)
  ) {
    return new AppError("DATABASE_UNAVAILABLE", "The database cannot take writes right now. Try again shortly.");
  }
  return e;
}
