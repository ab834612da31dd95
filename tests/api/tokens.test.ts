// The secrets' hash (api/auth/tokens.ts): SHA-256 as lowercase hex, the same whichever of Node's
// two ways computes it, so the sessions and sign-in links stored before still match.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashSecret, newSecret } from "../../api/auth/tokens.ts";

describe("hashSecret", () => {
  it("is SHA-256 in hex: the standard's own vector, and a Hash object's answer for fresh secrets", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (let i = 0; i < 20; i++) {
      const secret = newSecret();
      expect(hashSecret(secret)).toBe(createHash("sha256").update(secret).digest("hex"));
    }
    // Not the bytes of a UTF-8 string read some other way.
    expect(hashSecret("é")).toBe(createHash("sha256").update(Buffer.from("é", "utf8")).digest("hex"));
  });
});
