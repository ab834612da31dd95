// Sign-in that returns (issue 16): the page to come back to travels with the token and only a
// same-site path survives; the browser's time zone is kept at sign-in; a new member gets a
// suggested name, not "Member 1234", and choosing a name (or a zone) is PATCH /api/me.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { dbState } from "../setup/db.ts";
import { latestSignInToken } from "../setup/sign-in.ts";
import { hashSecret } from "../../api/auth/tokens.ts";
import { isTimeZone, RETURN_PATH_MAX, safeReturnPath } from "../../api/contract/account.ts";
import { suggestedName } from "../../api/auth/default-name.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

async function linkFor(email: string, body: Record<string, unknown> = {}) {
  const asked = await app.api("POST", "/api/auth/email", { body: { email, ...body } });
  expect(asked.status).toBe(202);
  await app.built.background.runNow();
  return latestSignInToken(app, email);
}

const OPEN_REDIRECTS = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/deals//evil",
  "https://evil.example/",
  "javascript:alert(1)",
  "evil.example",
  "deals/x",
  "/\t/evil.example",
  "/\n/evil.example",
  "/ /evil.example",
  "/%0a",
  "",
  `/${"a".repeat(RETURN_PATH_MAX)}`,
];

describe("the return path", () => {
  it.each(OPEN_REDIRECTS.filter((p) => p !== "/%0a"))("refuses %j", (path) => {
    expect(safeReturnPath(path)).toBeNull();
  });

  it.each(["/", "/me", "/deals/k3v9x0q2m1z8a7b6?join=1", "/deals/x#join", "/%0a"])("keeps the same-site path %j", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it("travels with the token and comes back from the callback, in any browser", async () => {
    const token = await linkFor("ada@example.com", { returnTo: "/deals/abc?join=1" });
    expect((await app.deps.prisma.signInToken.findUniqueOrThrow({ where: { id: hashSecret(token) } })).returnTo).toBe("/deals/abc?join=1");

    // No cookie, no storage: a new tab, or another browser, gets the path from the server.
    const res = await app.api("POST", "/api/auth/callback", { body: { token } });

    expect(res.status).toBe(200);
    expect(res.json.returnTo).toBe("/deals/abc?join=1");
  });

  it("lands on /me when no path was given", async () => {
    const res = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada@example.com") } });
    expect(res.json.returnTo).toBe("/me");
  });

  it.each(OPEN_REDIRECTS.filter((p) => p.length <= 2000 && p !== "/%0a"))("drops %j: nothing stored, the callback says /me", async (path) => {
    const token = await linkFor("ada@example.com", { returnTo: path });
    expect((await app.deps.prisma.signInToken.findUniqueOrThrow({ where: { id: hashSecret(token) } })).returnTo).toBeNull();

    const res = await app.api("POST", "/api/auth/callback", { body: { token } });

    expect(res.status).toBe(200);
    expect(res.json.returnTo).toBe("/me");
  });

  it("refuses a return path over 2000 characters with 400 and sends nothing", async () => {
    const before = await dbState(app);
    const res = await app.api("POST", "/api/auth/email", { body: { email: "ada@example.com", returnTo: `/${"a".repeat(2000)}` } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION_FAILED");
    expect(await dbState(app)).toEqual(before);
  });
});

describe("the time zone at sign-in", () => {
  it("keeps a real IANA zone from the browser", async () => {
    const res = await app.api("POST", "/api/auth/callback", {
      body: { token: await linkFor("ada@example.com"), timeZone: "Europe/Amsterdam" },
    });
    expect(res.json.user.timeZone).toBe("Europe/Amsterdam");
    expect((await app.deps.prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" } })).timeZone).toBe("Europe/Amsterdam");
  });

  it.each(["Mars/Olympus_Mons", "+01:00", "Europe/../../etc", "<script>", "x".repeat(150)])("ignores %j and still signs in", async (zone) => {
    const res = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada@example.com"), timeZone: zone } });
    expect(res.status).toBe(200);
    expect(res.json.user.timeZone).toBeNull();
  });

  it("keeps a zone already stored (chosen on the profile) at a later sign-in", async () => {
    await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada@example.com"), timeZone: "America/New_York" } });
    const res = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada@example.com"), timeZone: "Europe/Berlin" } });
    expect(res.json.user.timeZone).toBe("America/New_York");
  });

  it("knows real zones from made-up ones", () => {
    expect(["UTC", "Europe/Amsterdam", "America/Argentina/Buenos_Aires", "Etc/GMT+5"].every(isTimeZone)).toBe(true);
    expect(["", "Europe", "Europe/Atlantis", "+02:00", "utc/", 42, null].some(isTimeZone)).toBe(false);
  });
});

describe("a name", () => {
  it("suggests the first word of the address at sign-up, never 'Member 1234', and asks until chosen", async () => {
    const res = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada.lovelace+quorum@example.com") } });

    expect(res.json.user).toMatchObject({ displayName: "Ada", nameChosen: false });
    expect(res.json.user.displayName).not.toMatch(/Member/);
  });

  it.each([
    ["ada.lovelace@example.com", "en", "Ada"],
    ["JOHN_smith82@example.com", "en", "John"],
    ["x7.zoë@example.com", "en", "Zoë"],
    ["12345@example.com", "en", "Traveller"],
    ["12345@example.com", "nl", "Reiziger"],
    ["a@example.com", "de", "Reisender"],
  ] as const)("suggests for %s (%s): %s", (email, lang, name) => {
    expect(suggestedName(email, lang)).toBe(name);
  });

  it("gives the initiator's participant list and CSV a name for a member who never chose one", async () => {
    const signedIn = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada.lovelace@example.com") } });
    const ada = { cookie: signedIn.headers.get("set-cookie")!.split(";")[0]! };
    const { deal, initiator } = await app.createDeal();
    expect((await app.api("POST", `/api/deals/${deal.id}/commitments`, { as: ada, body: { seats: 2 } })).status).toBe(201);

    const list = await app.api("GET", `/api/deals/${deal.id}/participants`, { as: initiator });
    const csv = await app.api("GET", `/api/deals/${deal.id}/participants?format=csv`, { as: initiator });

    expect(list.json.items.map((p: { displayName: string }) => p.displayName)).toEqual(["Ada"]);
    expect(csv.text).toMatch(/^\uFEFF?.*\r?\nAda[,;]/s);
    expect(`${list.text}${csv.text}`).not.toMatch(/Member \d/);
  });

  it("counts saving a name, even the suggestion unchanged, as choosing it", async () => {
    const signedIn = await app.api("POST", "/api/auth/callback", { body: { token: await linkFor("ada@example.com") } });
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;

    const res = await app.api("PATCH", "/api/me", { headers: { cookie }, body: { displayName: "Ada" } });

    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ displayName: "Ada", nameChosen: true });
    expect((await app.deps.prisma.user.findUniqueOrThrow({ where: { email: "ada@example.com" } })).nameChosenAt).not.toBeNull();
  });

  it("does not count changing only the language as choosing a name", async () => {
    const ada = await app.createUser();
    const res = await app.api("PATCH", "/api/me", { as: ada, body: { locale: "nl" } });
    expect(res.json.user.nameChosen).toBe(false);
  });
});

describe("the time zone on the profile", () => {
  it("changes it", async () => {
    const ada = await app.createUser();
    const res = await app.api("PATCH", "/api/me", { as: ada, body: { timeZone: "Asia/Tokyo" } });
    expect(res.status).toBe(200);
    expect(res.json.user.timeZone).toBe("Asia/Tokyo");
  });

  it.each(["Mars/Olympus_Mons", "+01:00", ""])("refuses %j with 400 and changes nothing", async (timeZone) => {
    const ada = await app.createUser();
    const before = await dbState(app);
    const res = await app.api("PATCH", "/api/me", { as: ada, body: { timeZone } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe("timeZone");
    expect(await dbState(app)).toEqual(before);
  });
});
