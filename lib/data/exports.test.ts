import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import type { TallyQuery } from "@/lib/domain/tally";
import { actorFor, createUser } from "@/lib/testing/factories";
import { AccessDeniedError, RuleViolationError } from "./errors";
import { authorizeExport, recordExport, TALLY_EXPORT_KINDS } from "./exports";

const query: TallyQuery = { from: "2017-07", to: "2017-08", type: "APPREHENSION" };

const auditOf = (actorId: string) => db.auditEntry.findMany({ where: { actorId }, orderBy: { id: "asc" } });

describe("recordExport", () => {
  describe.each(TALLY_EXPORT_KINDS)("kind %s", (kind) => {
    it.each<Role>(["ADMIN", "EDITOR", "VIEWER"])("lets %s export aggregates and audits it", async (role) => {
      const actor = actorFor(await createUser({ role }));

      await expect(recordExport(actor, { kind, query })).resolves.toBeUndefined();

      expect(await auditOf(actor.id!)).toEqual([
        expect.objectContaining({
          action: `export.${kind}`,
          outcome: "SUCCESS",
          actorRole: role,
          entityType: "tally",
          details: { type: "APPREHENSION", from: "2017-07", to: "2017-08" },
        }),
      ]);
    });

    it.each<Role>(["RESEARCHER", "PARTNER"])("refuses %s and audits the refusal", async (role) => {
      const actor = actorFor(await createUser({ role }));

      await expect(recordExport(actor, { kind, query })).rejects.toBeInstanceOf(AccessDeniedError);

      expect(await auditOf(actor.id!)).toEqual([
        expect.objectContaining({
          action: `export.${kind}`,
          outcome: "DENIED",
          actorRole: role,
          entityType: "tally",
          details: { permission: "export.aggregates" },
        }),
      ]);
    });
  });
});

describe("authorizeExport", () => {
  it.each<Role>(["RESEARCHER", "PARTNER"])(
    "refuses %s before anything is read, and audits the refusal",
    async (role) => {
      const actor = actorFor(await createUser({ role }));

      await expect(authorizeExport(actor, { kind: "publication", query })).rejects.toBeInstanceOf(AccessDeniedError);

      expect(await auditOf(actor.id!)).toEqual([
        expect.objectContaining({
          action: "export.publication",
          outcome: "DENIED",
          details: { permission: "export.aggregates" },
        }),
      ]);
    },
  );

  it("records nothing for a role with the right: the export is recorded once its file is made", async () => {
    const actor = actorFor(await createUser({ role: "VIEWER" }));
    await authorizeExport(actor, { kind: "table", query });
    expect(await auditOf(actor.id!)).toEqual([]);
  });

  it("refuses a publication of one province, and lets a table of one through", async () => {
    const actor = actorFor(await createUser({ role: "EDITOR" }));
    const jilin = { ...query, province: "JILIN" as const };
    await expect(authorizeExport(actor, { kind: "publication", query: jilin })).rejects.toBeInstanceOf(
      RuleViolationError,
    );
    await expect(recordExport(actor, { kind: "publication", query: jilin })).rejects.toBeInstanceOf(RuleViolationError);
    await expect(authorizeExport(actor, { kind: "table", query: jilin })).resolves.toBeUndefined();
    expect(await auditOf(actor.id!)).toEqual([]);
  });

  it("records a province filter with the query", async () => {
    const actor = actorFor(await createUser({ role: "EDITOR" }));
    await recordExport(actor, { kind: "table", query: { ...query, province: "JILIN" } });
    expect((await auditOf(actor.id!))[0]?.details).toEqual({
      type: "APPREHENSION",
      from: "2017-07",
      to: "2017-08",
      province: "JILIN",
    });
  });
});
