// The secrets of sign-in links and session cookies: 256 bits from the CSPRNG, URL-safe. Only their
// SHA-256 is stored, so a copy of the database signs nobody in.
import * as crypto from "node:crypto";

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

export const newSecret = () => crypto.randomBytes(32).toString("base64url");

/**
 * A secret's SHA-256, as hex. Every signed-in request hashes its session cookie: Node's one-shot
 * crypto.hash (Node 20.12+) costs about a third of a Hash object's create, update and digest (0.27
 * against 0.72–0.96 µs in a loop; the Hash object was ~6 µs of a join under the profiler, issue 17,
 * decision 015, finding 24). workerd has it too (cloudflare/workerd#3668, 2025); a runtime without
 * it takes the Hash object.
 */
export const hashSecret: (s: string) => string =
  typeof crypto.hash === "function"
    ? (s) => crypto.hash("sha256", s, "hex")
    : (s) => crypto.createHash("sha256").update(s).digest("hex");
