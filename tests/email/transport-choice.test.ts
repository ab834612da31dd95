// The transport follows the configuration: RESEND_API_KEY set sends through Resend (and turns
// development mode off); unset keeps email in the development mailbox.
import { describe, expect, it, onTestFinished } from "vitest";
import { dealWithParticipants } from "../setup/factories.ts";
import { createTestApp } from "../setup/harness.ts";
import { startResend } from "../setup/resend.ts";
import { drain } from "./helpers.ts";

describe("the transport", () => {
  it("without RESEND_API_KEY, email goes to the development mailbox", async () => {
    const app = await createTestApp();
    onTestFinished(() => app.close());
    const { initiator, users } = await dealWithParticipants(app, 3);
    const sweep = await app.api("POST", "/api/dev/sweep");
    expect(sweep.status).toBe(200);
    const mailbox = await app.api("GET", "/api/dev/mailbox");
    expect(mailbox.json.items.map((e: { to: string }) => e.to).sort()).toEqual(
      [initiator, ...users].map((u) => u.email).sort(),
    );
    expect((await app.notifications()).every((r) => r.state === "sent" && r.providerMessageId?.startsWith("mailbox-"))).toBe(true);
  });

  it("with RESEND_API_KEY, email goes through Resend at RESEND_BASE_URL, and there is no development mode", async () => {
    const { fake, ...resend } = await startResend();
    const app = await resend.app();
    await dealWithParticipants(app, 3);
    await drain(app);
    expect(fake.delivered()).toHaveLength(4);
    expect(fake.calls()[0]?.requestHeaders["authorization"]).toBe("Bearer re_test_key");
    expect((await app.api("POST", "/api/dev/sweep")).status).toBe(404);
    expect((await app.api("GET", "/api/dev/mailbox")).status).toBe(404);
  });
});
