// Types for build-if-stale.mjs, which the browser tests import.
export function webBuildIsStale(): boolean;
export function ensureWebBuilt(options?: { log?: (message: string) => void }): Promise<boolean>;
