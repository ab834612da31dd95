// Prisma CLI configuration: where the schema and migrations live, and the database URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/quorum.db" },
});
