// The deal picture's WebAssembly and fonts on Cloudflare Workers. Workers may not compile
// WebAssembly from bytes at run time, so wrangler compiles the .wasm files at deploy time and
// hands them over as modules; the fonts come in as bytes through the "Data" rule in wrangler.toml.
import yoga from "satori/yoga.wasm";
import resvg from "@resvg/resvg-wasm/index_bg.wasm";
import latin400 from "@fontsource/inter/files/inter-latin-400-normal.woff";
import latin700 from "@fontsource/inter/files/inter-latin-700-normal.woff";
import latinext400 from "@fontsource/inter/files/inter-latin-ext-400-normal.woff";
import latinext700 from "@fontsource/inter/files/inter-latin-ext-700-normal.woff";
import cyrillic400 from "@fontsource/inter/files/inter-cyrillic-400-normal.woff";
import cyrillic700 from "@fontsource/inter/files/inter-cyrillic-700-normal.woff";
import greek400 from "@fontsource/inter/files/inter-greek-400-normal.woff";
import greek700 from "@fontsource/inter/files/inter-greek-700-normal.woff";
import vietnamese400 from "@fontsource/inter/files/inter-vietnamese-400-normal.woff";
import vietnamese700 from "@fontsource/inter/files/inter-vietnamese-700-normal.woff";
import type { ImageAssets } from "./png.ts";

const assets: ImageAssets = {
  yoga,
  resvg,
  fonts: {
    latin: { 400: latin400, 700: latin700 },
    "latin-ext": { 400: latinext400, 700: latinext700 },
    cyrillic: { 400: cyrillic400, 700: cyrillic700 },
    greek: { 400: greek400, 700: greek700 },
    vietnamese: { 400: vietnamese400, 700: vietnamese700 },
  },
};

export const loadImageAssets = (): Promise<ImageAssets> => Promise.resolve(assets);
