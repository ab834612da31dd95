// The deal picture's WebAssembly and fonts on Node: read once from the installed packages. The
// production bundle keeps packages external, so the same resolution works from dist/ too.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { FONT_SUBSETS, type ImageAssets } from "./png.ts";

const require = createRequire(import.meta.url);

/** A file of an installed package, as an ArrayBuffer of its own (a Buffer may share a pool). */
async function bytes(specifier: string): Promise<ArrayBuffer> {
  const b = await readFile(require.resolve(specifier));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

let assets: Promise<ImageAssets> | undefined;

export function loadImageAssets(): Promise<ImageAssets> {
  assets ??= (async () => {
    const font = (subset: string, weight: number) => bytes(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`);
    const subsets = await Promise.all(
      FONT_SUBSETS.map(async (subset) => [subset, { 400: await font(subset, 400), 700: await font(subset, 700) }] as const),
    );
    const [yoga, resvg] = await Promise.all([bytes("satori/yoga.wasm"), bytes("@resvg/resvg-wasm/index_bg.wasm")]);
    return { yoga, resvg, fonts: Object.fromEntries(subsets) as ImageAssets["fonts"] };
  })();
  return assets;
}
