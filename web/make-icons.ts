// Draws the site's icons into web/public from the Quorum mark (api/share/deal-image.ts markTree),
// with the same renderer as the deal pictures: favicon.svg, favicon.ico (16, 32 and 48 px PNGs
// in an ICO) and the 180 px apple-touch-icon.png. The files are committed; run this again only
// when the mark changes: `npx tsx web/make-icons.ts`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { markTree } from "../api/share/deal-image.ts";
import { imageRenderer } from "../api/share/png.ts";
import { loadImageAssets } from "../api/share/image-assets.node.ts";

const out = join(import.meta.dirname, "public");
const { svg, png } = imageRenderer(loadImageAssets);
const square = (size: number) => ({ width: size, height: size });

/** An ICO file holding PNG images, which every browser since Windows Vista's days reads. */
function ico(images: { size: number; data: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size % 256, entry); // 0 means 256
    header.writeUInt8(size % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

writeFileSync(join(out, "favicon.svg"), (await svg(markTree(64), square(64))) + "\n");
const sizes = [16, 32, 48];
const pngs = await Promise.all(sizes.map(async (size) => ({ size, data: await png(markTree(size), square(size)) })));
writeFileSync(join(out, "favicon.ico"), ico(pngs));
// iOS rounds the corners itself and shows transparency as black, so this one fills its square.
writeFileSync(join(out, "apple-touch-icon.png"), await png(markTree(180, { fullBleed: true }), square(180)));
