// The deal picture on Cloudflare Workers, under workerd: wrangler compiles its WebAssembly at
// deploy time and imports the fonts as bytes (api/share/image-assets.worker.ts), since Workers
// may not compile WebAssembly at run time. Also the page head that names it, and the icons the
// static assets serve.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "./wrangler.ts";
import { decodePng, pngSize } from "../share/read-png.ts";

const JSON_BODY = { "content-type": "application/json" };

describe("deal pictures on Workers", () => {
  let worker: LocalWorker;
  beforeAll(async () => {
    worker = await startLocalWorker({ NODE_ENV: "development", RATE_LIMITS: "off" });
  }, 90_000);
  afterAll(() => worker?.stop());

  /** Signs a new user in through the development mailbox; answers the session cookie. */
  async function signIn(): Promise<string> {
    const email = `picture-${Date.now()}@example.com`;
    await fetch(`${worker.url}/api/auth/email`, { method: "POST", headers: JSON_BODY, body: JSON.stringify({ email }) });
    for (let attempt = 0; attempt < 40; attempt++) {
      await fetch(`${worker.url}/api/dev/sweep`, { method: "POST" });
      const mail = (await (await fetch(`${worker.url}/api/dev/mailbox?to=${encodeURIComponent(email)}`)).json()) as {
        items: { links: string[] }[];
      };
      const link = mail.items.flatMap((m) => m.links).find((l) => l.includes("/auth/callback?token="));
      if (link) {
        const token = new URL(link).searchParams.get("token");
        const res = await fetch(`${worker.url}/api/auth/callback`, { method: "POST", headers: JSON_BODY, body: JSON.stringify({ token }) });
        return res.headers.get("set-cookie")!.split(";")[0]!;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no sign-in email for ${email}`);
  }

  it("renders a deal's picture, answers 304 to its ETag, and names it in the page head", async () => {
    const cookie = await signIn();
    // Proposed in German: the preview speaks the deal's language, whatever the crawler asks for.
    const proposed = await fetch(`${worker.url}/api/deals`, {
      method: "POST",
      headers: { ...JSON_BODY, cookie, "accept-language": "de" },
      body: JSON.stringify({
        kind: "deal",
        title: "Sammelbestellung Kaffee für Büro & Zuhause",
        pricePerSeatCents: 1850,
        threshold: 12,
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    });
    expect(proposed.status).toBe(201);
    const { deal } = (await proposed.json()) as { deal: { id: string } };

    const page = await (await fetch(`${worker.url}/deals/${deal.id}`, { headers: { "accept-language": "en" } })).text();
    const src = /<meta property="og:image" content="([^"]*)"/.exec(page)?.[1]?.replaceAll("&amp;", "&");
    expect(src).toBe(`${worker.url}/api/deals/${deal.id}/image.png?lang=de&v=open.0`);
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image" />');

    const res = await fetch(src!);
    expect(res.status, await res.clone().text().catch(() => "")).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const png = decodePng(new Uint8Array(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(png.pixel(600, 6), "the open deal's blue band").toBe("#1f4f8a");

    const again = await fetch(src!, { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${worker.url}/api/deals/zzzzzzzzzzzzzzzz/image.png`)).status).toBe(404);
  }, 60_000);

  it("serves the icons from the static assets", async () => {
    const ico = await fetch(`${worker.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(Buffer.from(await ico.arrayBuffer()).readUInt16LE(4), "three images").toBe(3);
    const touch = await fetch(`${worker.url}/apple-touch-icon.png`);
    expect(touch.status).toBe(200);
    expect(pngSize(new Uint8Array(await touch.arrayBuffer()))).toEqual({ width: 180, height: 180 });
    const svg = await fetch(`${worker.url}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  });
});
