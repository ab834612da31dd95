// Random identifiers for URLs: 16 characters of [0-9a-z], about 82 bits.
import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
export const ID_PATTERN = /^[0-9a-z]{16}$/;

export function newId(): string {
  const bytes = randomBytes(16);
  let id = "";
  // 252 is the largest multiple of 36 below 256; rejecting above it keeps the draw uniform.
  for (let i = 0; id.length < 16; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 252) id += alphabet[b % 36];
  }
  return id;
}
