// Where the project's files are, from the source tree (tsx) or from the production bundle
// (dist/server.mjs) alike: the nearest folder above this module that has package.json.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "prisma"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No project root above ${from}`);
  }
}

const appRoot = findRoot(import.meta.dirname);
export const migrationsDir = join(appRoot, "prisma", "migrations");
export const webDir = join(appRoot, "web");
