// An element tree to a PNG: satori lays it out and draws it as SVG (text as glyph paths), resvg
// rasterises the SVG. Both run on WebAssembly that the target supplies with the fonts: bytes read
// from node_modules on Node (image-assets.node.ts), modules compiled at deploy time on Workers
// (image-assets.worker.ts), which may not compile WebAssembly from bytes at run time.
import satori, { init as initLayout } from "satori/standalone";
import { Resvg, initWasm as initResvg } from "@resvg/resvg-wasm";
import unicodeRanges from "@fontsource/inter/unicode.json" with { type: "json" };

/** A WebAssembly binary: bytes on Node, a module compiled at deploy time on Workers. */
export type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array;

/**
 * The Inter subsets the picture draws with: Dutch, German and every other European alphabet.
 * Other scripts (Hebrew, Arabic, CJK) and emoji have no glyphs here; they are left out of the
 * picture rather than drawn as empty boxes (the link's text title still carries them).
 */
export const FONT_SUBSETS = ["latin", "latin-ext", "cyrillic", "greek", "vietnamese"] as const;
export type FontSubset = (typeof FONT_SUBSETS)[number];
export const FONT_WEIGHTS = [400, 700] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

export interface ImageAssets {
  /** satori's layout engine (satori/yoga.wasm). */
  yoga: WasmSource;
  /** The SVG rasteriser (@resvg/resvg-wasm/index_bg.wasm). */
  resvg: WasmSource;
  /** @fontsource/inter's WOFF files: every subset, regular and bold. */
  fonts: Record<FontSubset, Record<FontWeight, ArrayBuffer>>;
}

/** The code points the subsets cover, from fontsource's own table ("U+0100-02BA,U+2113,..."). */
const COVERED: [number, number][] = FONT_SUBSETS.flatMap((subset) =>
  unicodeRanges[subset].split(",").map((range): [number, number] => {
    const [from = "", to = from] = range.trim().replace(/^U\+/, "").split("-");
    return [parseInt(from, 16), parseInt(to, 16)];
  }),
);

/** Text without the characters no font here can draw, and without the gaps they leave. */
export function drawable(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (COVERED.some(([from, to]) => cp >= from && cp <= to)) out += ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

export type Style = Record<string, string | number>;
/** An element as satori takes it: the shape JSX compiles to, without JSX. */
export interface ImageNode {
  type: string;
  key: null;
  props: { style?: Style; children?: (ImageNode | string)[] | string };
}

export const h = (type: string, style: Style, children?: ImageNode["props"]["children"]): ImageNode => ({
  type,
  key: null,
  props: children === undefined ? { style } : { style, children },
});

/** PNG bytes in an ArrayBuffer of their own, as a response body takes them. */
export type Png = Uint8Array<ArrayBuffer>;

// satori and resvg each hold one WebAssembly instance per process (or isolate); initialising
// either twice throws, so every renderer shares this one start.
let engines: Promise<void> | undefined;
type SatoriFonts = Parameters<typeof satori>[1]["fonts"];
const fontName = (subset: FontSubset) => (subset === "latin" ? "Inter" : `Inter ${subset}`);

/**
 * Draws element trees: `svg` with satori (text as glyph paths, so the SVG needs no fonts), `png`
 * by rasterising that SVG with resvg.
 */
export function imageRenderer(load: () => Promise<ImageAssets>) {
  let ready: Promise<SatoriFonts> | undefined;
  const start = async (): Promise<SatoriFonts> => {
    const assets = await load();
    engines ??= Promise.all([initLayout(assets.yoga), initResvg(assets.resvg)]).then(() => undefined);
    await engines;
    // The same fonts array every time: satori keeps its parsed fonts per array.
    // One family name per subset: satori falls back across families, not across files of one.
    return FONT_SUBSETS.flatMap((subset) =>
      FONT_WEIGHTS.map((weight) => ({ name: fontName(subset), data: assets.fonts[subset][weight], weight, style: "normal" as const })),
    );
  };
  type Size = { width: number; height: number };
  const svg = async (tree: ImageNode, size: Size): Promise<string> => {
    ready ??= start();
    return satori(tree, { ...size, fonts: await ready });
  };
  const png = async (tree: ImageNode, size: Size): Promise<Png> => {
    const resvg = new Resvg(await svg(tree, size), { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
    const image = resvg.render();
    try {
      // A fresh JavaScript array that resvg fills, never a view into WebAssembly memory.
      return image.asPng() as Png;
    } finally {
      // wasm-bindgen objects live in WebAssembly memory until freed.
      image.free();
      resvg.free();
    }
  };
  return { svg, png };
}
