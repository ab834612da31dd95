// The session token is read from the Cookie header directly when the header begins with it
// (api/auth/session-cookie.ts, sessionTokenFrom), and by hono/cookie otherwise. Either way the
// answer must be hono/cookie's, for every header.
import { describe, expect, it } from "vitest";
import { parse } from "hono/utils/cookie";
import { sessionTokenFrom } from "../../api/auth/session-cookie.ts";
import { newSecret } from "../../api/auth/tokens.ts";

const honos = (header: string, name: string) => parse(header, name)[name];

/** A small seeded generator, so a failure names a header that can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("the session token read from the Cookie header", () => {
  it("is hono/cookie's answer for 20,000 headers of every shape, and skips the parse for the usual one", () => {
    const next = random(17);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const token = newSecret();
    let direct = 0;
    for (const name of ["quorum_session", "__Host-quorum_session"]) {
      const values = [
        token,
        newSecret(),
        token.slice(1),
        `${token}x`,
        `${token.slice(0, 42)}+`,
        `${token.slice(0, 40)}%41%42`,
        `"${token}"`,
        ` ${token} `,
        "",
        `${token.slice(0, 42)}=`,
      ];
      const names = [name, name, `${name}2`, name.slice(1), `x${name}`, "quorum_lang", ` ${name}`, name.toUpperCase()];
      for (let i = 0; i < 10_000; i++) {
        const pairs = Array.from({ length: 1 + Math.floor(next() * 3) }, () => `${pick(names)}=${pick(values)}`);
        const header = pairs.join(pick([";", "; ", " ;", ";  "])) + pick(["", "", ";", "; ", " "]);
        let parsed = false;
        const got = sessionTokenFrom(header, name, () => {
          parsed = true;
          return honos(header, name);
        });
        expect(got, header).toBe(honos(header, name));
        if (!parsed) direct++;
      }
      // A name that runs on into a token, with no "=": no cookie of that name at all.
      for (const header of [`${name}A${token}`, `${name}_${token}`, `${name}-${token}; ${name}=${token}`]) {
        expect(sessionTokenFrom(header, name, () => honos(header, name)), header).toBe(honos(header, name));
      }
      // The header a signed-in browser sends on its own is read without the parse.
      let parsed = false;
      expect(sessionTokenFrom(`${name}=${token}`, name, () => ((parsed = true), undefined))).toBe(token);
      expect(sessionTokenFrom(`${name}=${token}; quorum_lang=nl`, name, () => ((parsed = true), undefined))).toBe(token);
      expect(parsed).toBe(false);
    }
    expect(direct).toBeGreaterThan(300);
    expect(sessionTokenFrom(undefined, "quorum_session", () => "never")).toBeUndefined();
  });
});
