// Strict-Transport-Security is sent when the app is served over https, and never over http
// (a browser would otherwise refuse a plain-http development server for a year).
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { cloudflareHeadersFile, SECURITY_HEADERS } from "../../api/http/security-headers.ts";

let app: TestApp | undefined;
afterEach(() => app?.close());

describe("Strict-Transport-Security", () => {
  it("is sent on API answers and pages when APP_URL is https", async () => {
    app = await createTestApp({ APP_URL: "https://quorum.example" });
    for (const path of ["/api/health", "/", "/api/deals/zzzzzzzzzzzzzzzz"]) {
      const res = await app.request(path);
      expect(res.headers.get("strict-transport-security"), path).toBe("max-age=31536000");
    }
  });

  it("is not sent over http", async () => {
    app = await createTestApp();
    expect((await app.request("/api/health")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("the static-assets headers file for Cloudflare", () => {
  it("gives every path the same security headers as the server, and HSTS", () => {
    const file = cloudflareHeadersFile();
    expect(file.startsWith("/*\n")).toBe(true);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(file).toContain(`  ${name}: ${value}\n`);
    expect(file).toContain("  Strict-Transport-Security: max-age=31536000\n");
  });
});
