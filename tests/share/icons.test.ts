// The site's icons: /favicon.ico (16, 32 and 48 px), /favicon.svg and the 180 px
// /apple-touch-icon.png, drawn from the Quorum mark by web/make-icons.ts, served from the site's
// root by the Node server (on Workers the static assets serve them), and linked from every page.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../setup/harness.ts";
import { decodePng, pngSize } from "./read-png.ts";

/** The images in an ICO file: each one's declared size and its PNG bytes. */
function icoImages(ico: Buffer) {
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], "an ICO header").toEqual([0, 1]);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + 16 * i;
    const [offset, length] = [ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 8)];
    return { size: ico[entry] || 256, png: ico.subarray(offset, offset + length) };
  });
}

describe("the site's icons", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(() => app.close());

  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, type: res.headers.get("content-type"), body: Buffer.from(await res.arrayBuffer()) };
  };

  it("serves a favicon.ico of 16, 32 and 48 px in the mark's blue", async () => {
    const ico = await get("/favicon.ico");
    expect(ico.status).toBe(200);
    expect(ico.type).toBe("image/x-icon");
    const images = icoImages(ico.body);
    expect(images.map((i) => i.size)).toEqual([16, 32, 48]);
    for (const { size, png } of images) {
      expect(pngSize(png), `${size} px`).toEqual({ width: size, height: size });
      expect(decodePng(png).pixel(size / 2, Math.round(size * 0.12)), `${size} px`).toBe("#1f4f8a");
    }
  });

  it("serves an SVG icon and a 180 px touch icon that fills its square", async () => {
    const svg = await get("/favicon.svg");
    expect(svg.status).toBe(200);
    expect(svg.type).toMatch(/^image\/svg\+xml/);
    expect(svg.body.toString()).toMatch(/^<svg [^>]*viewBox="0 0 64 64"/);
    expect(svg.body.toString()).not.toMatch(/<text|<script|font-family/);

    const touch = await get("/apple-touch-icon.png");
    expect(touch.status).toBe(200);
    expect(touch.type).toBe("image/png");
    const png = decodePng(touch.body);
    expect([png.width, png.height]).toEqual([180, 180]);
    // iOS rounds the corners itself: the corner is the mark's blue, not transparent.
    expect(png.pixel(0, 0)).toBe("#1f4f8a");
  });

  it("links them from every page", async () => {
    const html = await (await app.request("/")).text();
    expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32" />');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    expect(html).toContain('<link rel="apple-touch-icon" href="/apple-touch-icon.png" />');
    expect((await app.request("/favicon.png")).status, "only the icons, not any file").toBe(404);
  });
});
