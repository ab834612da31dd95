// The secrets of sign-in links and session cookies: 256 bits from the CSPRNG, URL-safe. Only their
// SHA-256 is stored, so a copy of the database signs nobody in.
import { createHash, randomBytes } from "node:crypto";

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

export const newSecret = () => randomBytes(32).toString("base64url");
export const hashSecret = (s: string) => createHash("sha256").update(s).digest("hex");
