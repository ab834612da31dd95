// Reading the PNGs the deal pictures and icons are: the size from the IHDR chunk, and the colour
// of a pixel (8-bit RGBA, as resvg writes), with nothing but node:zlib.
import { inflateSync } from "node:zlib";

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which must come first; throws if it is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png);
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error("not a PNG: wrong signature");
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: IHDR is not the first chunk");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A PNG's size, and its pixels' colours as "#rrggbb". */
export function decodePng(png: Uint8Array) {
  const { width, height } = pngSize(png);
  const bytes = Buffer.from(png);
  if (bytes[24] !== 8 || bytes[25] !== 6) throw new Error("only 8-bit RGBA is read here");
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString("latin1", at + 4, at + 8) === "IDAT") data.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  let rows: Uint8Array[] | undefined;
  const pixel = (x: number, y: number) => {
    rows ??= unfilter(inflateSync(Buffer.concat(data)), width, height);
    return "#" + [...rows[y]!.subarray(x * 4, x * 4 + 3)].map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  return { width, height, pixel };
}

/** PNG's per-row filters undone (None, Sub, Up, Average, Paeth), 4 bytes a pixel. */
function unfilter(raw: Buffer, width: number, height: number): Uint8Array[] {
  const stride = width * 4;
  const rows: Uint8Array[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    const row = Uint8Array.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? row[i - 4]! : 0;
      const b = prev[i]!;
      const c = i >= 4 ? prev[i - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      row[i] = (row[i]! + [0, a, b, (a + b) >> 1, paeth][type]!) & 0xff;
    }
    rows.push(row);
    prev = row;
  }
  return rows;
}
