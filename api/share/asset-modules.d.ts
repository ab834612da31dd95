// The module types wrangler gives non-JavaScript imports (api/share/image-assets.worker.ts): a
// .wasm file is a compiled WebAssembly.Module (its default rule), a .woff file its bytes (the
// "Data" rule in wrangler.toml).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}

declare module "*.woff" {
  const bytes: ArrayBuffer;
  export default bytes;
}
