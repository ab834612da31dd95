#!/usr/bin/env node
// Runs the Prisma CLI. Prisma downloads a native schema engine for every command; where that
// download is impossible (no internet), `generate`, `validate` and `format` still work with a stub
// engine that only answers `--version`. A machine with the real engine keeps the normal behaviour.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

function realEngineExists() {
  const cache = join(homedir(), ".cache", "prisma");
  if (!existsSync(cache)) return false;
  const stack = [cache];
  while (stack.length) {
    const dir = stack.pop();
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) stack.push(p);
      else if (name.startsWith("schema-engine") && st.size > 1_000_000) return true;
    }
  }
  return false;
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !realEngineExists()) {
  const dir = join(tmpdir(), "quorum-prisma-stub");
  mkdirSync(dir, { recursive: true });
  const stub = join(dir, "schema-engine");
  writeFileSync(
    stub,
    '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "schema-engine-cli stub"; exit 0; fi\n' +
      'echo "The native Prisma schema engine is not installed; use npm run migrate:new" >&2; exit 1\n',
  );
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

const [command, ...rest] = process.argv.slice(2);
const args = [command, "--config", join(import.meta.dirname, "..", "config.ts"), ...rest];
const bin = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "prisma");
const result = spawnSync(bin, args, { stdio: "inherit", env });
process.exit(result.status ?? 1);
