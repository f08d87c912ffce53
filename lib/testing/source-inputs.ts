import { db } from "@/lib/db";
import { sourceSchema } from "@/lib/validation/source";
import { uniqueToken } from "./factories";

// Shared by the source tests (lib/data/sources.test.ts, lib/data/source-mutations.test.ts).

export const sourceInput = (overrides: Record<string, unknown> = {}) =>
  sourceSchema.parse({
    kind: "NGO_REPORT",
    title: `Forced returns ${uniqueToken()}`,
    publisher: "Human Rights Watch",
    url: "",
    publishedOn: "2017-07-14",
    reliability: "B",
    confidential: false,
    ...overrides,
  });

export const auditOf = (where: { actorId?: string; entityId?: string; action: string }) =>
  db.auditEntry.findMany({ where, orderBy: { id: "asc" } });
