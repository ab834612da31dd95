// Random identifiers for URLs: 16 characters of [0-9a-z], about 82 bits.
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

export function newId(): string {
  let id = "";
  // 252 is the largest multiple of 36 below 256; rejecting above it keeps the draw uniform.
  while (id.length < 16) {
    const b = randomByte();
    if (b < 252) id += alphabet[b % 36];
  }
  return id;
}
