// Identifiers for URLs: 16 characters of [0-9a-z]; random (about 82 bits), or, for commitments,
// the time they were made followed by 41 random bits (newTimeOrderedId).
import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
export const ID_PATTERN = /^[0-9a-z]{16}$/;

// Bytes from the CSPRNG are drawn 4 KB at a time, as Node's randomUUID does with its own cache:
// one randomBytes(16) per id cost 2 µs, a share of every join (issue 17). Taken bytes are never
// reused, so ids stay as unpredictable as the generator. Drawn at the first id, not at load:
// Workers refuse random values in an isolate's global scope.
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let at = POOL_BYTES;

function randomByte(): number {
  if (at === POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    at = 0;
  }
  return pool[at++]!;
}

/** `n` characters of [0-9a-z], each uniformly drawn. */
function randomChars(n: number): string {
  let s = "";
  // 252 is the largest multiple of 36 below 256; rejecting above it keeps the draw uniform.
  while (s.length < n) {
    const b = randomByte();
    if (b < 252) s += alphabet[b % 36];
  }
  return s;
}

export function newId(): string {
  return randomChars(16);
}

/** 36^8 hundredths of a second: ids made before the year 2863 sort by time. */
const TIME_CHARS = 8;

/**
 * An id of the same form (ID_PATTERN) for rows made many at a time whose id is no secret: the
 * first 8 characters are `nowMs` in hundredths of a second, base 36, so ids sort by the time they
 * were made, and a new row's entry goes to the last page of its primary-key index instead of a
 * random one. A commitment's random id cost a join 12–15 µs of SQL on better-sqlite3, and a page
 * for every join that the commit and the checkpointer then write (issue 17; decision 015,
 * finding 15). The other 8 characters are random (41 bits): two commitments made in the same
 * hundredth of a second share an id about once in 10^12 pairs, and then the second one's batch
 * fails on the primary key as a whole and changes nothing.
 */
export function newTimeOrderedId(nowMs: number): string {
  const time = Math.floor(Math.max(0, nowMs) / 10).toString(36).padStart(TIME_CHARS, "0").slice(-TIME_CHARS);
  return time + randomChars(16 - TIME_CHARS);
}
