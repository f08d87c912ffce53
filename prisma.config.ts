import { defineConfig } from "prisma/config";

// The CLI here only generates the client: migrations are applied by `npm run db:migrate`
// (lib/cli/migrate.ts), because Prisma's schema engine cannot be installed on air-gapped machines.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
