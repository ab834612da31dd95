// An element tree to a PNG: satori lays it out and draws it as SVG (text as glyph paths), resvg
// rasterises the SVG. Both run on WebAssembly that the target supplies with the fonts: bytes read
// from node_modules on Node (image-assets.node.ts), modules compiled at deploy time on Workers
// (image-assets.worker.ts), which may not compile WebAssembly from bytes at run time.
// Both are loaded with the first picture drawn: ~2.7 MB of heap that a server not asked for a link
// preview does not carry (docs/decisions/017).
import type satori from "satori/standalone";

/** A WebAssembly binary: bytes on Node, a module compiled at deploy time on Workers. */
type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array;

/**
 * The Inter subsets the picture draws with: Dutch, German and every other European alphabet.
 * Other scripts (Hebrew, Arabic, CJK) and emoji have no glyphs here; they are left out of the
 * picture rather than drawn as empty boxes (the link's text title still carries them).
 */
export const FONT_SUBSETS = ["latin", "latin-ext", "cyrillic", "greek", "vietnamese"] as const;
type FontSubset = (typeof FONT_SUBSETS)[number];
const FONT_WEIGHTS = [400, 700] as const;
type FontWeight = (typeof FONT_WEIGHTS)[number];

export interface ImageAssets {
  /** satori's layout engine (satori/yoga.wasm). */
  yoga: WasmSource;
  /** The SVG rasteriser (@resvg/resvg-wasm/index_bg.wasm). */
  resvg: WasmSource;
  /** @fontsource/inter's WOFF files: every subset, regular and bold. */
  fonts: Record<FontSubset, Record<FontWeight, ArrayBuffer>>;
}

/**
 * The code points each subset covers: @fontsource/inter's unicode.json, copied because the
 * production server bundle cannot import JSON from a package (tests/share checks the copy).
 */
export const SUBSET_RANGES: Record<FontSubset, string> = {
  latin: "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  "latin-ext": "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
  cyrillic: "U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116",
  greek: "U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF",
  vietnamese: "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
};

const COVERED: [number, number][] = FONT_SUBSETS.flatMap((subset) =>
  SUBSET_RANGES[subset].split(",").map((range): [number, number] => {
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
const loadLibraries = async () => {
  const [layout, raster] = await Promise.all([import("satori/standalone"), import("@resvg/resvg-wasm")]);
  return { satori: layout.default, initLayout: layout.init, Resvg: raster.Resvg, initResvg: raster.initWasm };
};
let loaded: ReturnType<typeof loadLibraries> | undefined;
const libraries = () => (loaded ??= loadLibraries());
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
    const { initLayout, initResvg } = await libraries();
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
    const fonts = await ready;
    return (await libraries()).satori(tree, { ...size, fonts });
  };
  const png = async (tree: ImageNode, size: Size): Promise<Png> => {
    const { Resvg } = await libraries();
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
