import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import { actorFor, createOrganisation as makeOrganisation, createUser, uniqueToken } from "@/lib/testing/factories";
import { createShareGrant } from "@/lib/testing/organisation-factories";
import { organisationCreateSchema } from "@/lib/validation/organisation";
import { AccessDeniedError, NotFoundError, RuleViolationError } from "./errors";
import { listOrganisationActivity } from "./organisation-activity";
import {
  createOrganisation,
  deactivateOrganisation,
  ensureOrganisation,
  getOrganisation,
  listOrganisations,
  reactivateOrganisation,
  renameOrganisation,
} from "./organisations";
import { loadSessionActor } from "./sessions";

const adminActor = async () => actorFor(await createUser({ role: "ADMIN" }));
/** What a sign-in of `user` would put in its session token, with the server-side session it opens. */
async function openSession(user: { id: string; sessionVersion: number }) {
  const { id: sessionId } = await db.userSession.create({ data: { userId: user.id }, select: { id: true } });
  return { id: user.id, sessionVersion: user.sessionVersion, sessionId };
}
const auditOf = (where: { actorId?: string | null; entityId?: string; action: string }) =>
  db.auditEntry.findMany({ where, orderBy: { id: "asc" } });

describe("createOrganisation and renameOrganisation", () => {
  it("creates an organisation, normalising its name, and audits it without the name", async () => {
    const admin = await adminActor();
    const name = `UNHCR  Seoul ${uniqueToken()}`;

    const created = await createOrganisation(admin, organisationCreateSchema.parse({ name: `  ${name} ` }));

    expect(created).toMatchObject({ name: name.replace("  ", " "), active: true });
    expect(await auditOf({ entityId: created.id, action: "organisation.create" })).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "SUCCESS", entityType: "organisation", details: {} }),
    ]);
  });

  it("refuses a name that is taken, whatever its letter case", async () => {
    const admin = await adminActor();
    const existing = await makeOrganisation();

    await expect(createOrganisation(admin, { name: existing.name.toUpperCase() })).rejects.toEqual(
      new RuleViolationError({ name: ["organisationNameTaken"] }),
    );
    const other = await makeOrganisation();
    const rename = renameOrganisation(admin, { organisationId: other.id, name: existing.name.toLowerCase() });
    await expect(rename).rejects.toBeInstanceOf(RuleViolationError);
    await expect(rename).rejects.toMatchObject({ fieldErrors: { name: ["organisationNameTaken"] } });
    expect((await db.partnerOrganisation.findUniqueOrThrow({ where: { id: other.id } })).name).toBe(other.name);
  });

  it("renames an organisation (its own name in another case is fine) and audits only the field", async () => {
    const admin = await adminActor();
    const organisation = await makeOrganisation();
    const name = `Renamed ${uniqueToken()}`;

    expect(await renameOrganisation(admin, { organisationId: organisation.id, name })).toMatchObject({ name });
    const upper = await renameOrganisation(admin, { organisationId: organisation.id, name: name.toUpperCase() });
    expect(upper.name).toBe(name.toUpperCase());

    const audit = await auditOf({ entityId: organisation.id, action: "organisation.rename" });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorId: admin.id, outcome: "SUCCESS", details: { fields: ["name"] } });
    expect(JSON.stringify(audit.map((a) => a.details))).not.toContain("Renamed");
  });

  it("ensureOrganisation finds an organisation whatever the letter case, else creates it", async () => {
    const admin = await adminActor();
    const existing = await makeOrganisation();
    expect(await ensureOrganisation(admin, ` ${existing.name.toUpperCase()} `)).toMatchObject({ id: existing.id });
    const name = `Ensured ${uniqueToken()}`;
    const created = await ensureOrganisation(admin, name);
    expect(created).toMatchObject({ name, active: true });
    expect(await auditOf({ entityId: created.id, action: "organisation.create" })).toHaveLength(1);
  });

  it("answers not found for an unknown or malformed id", async () => {
    const admin = await adminActor();
    await expect(renameOrganisation(admin, { organisationId: crypto.randomUUID(), name: "X" })).rejects.toThrow(
      NotFoundError,
    );
    await expect(getOrganisation(admin, "not-a-uuid")).rejects.toThrow(NotFoundError);
  });
});

describe("listOrganisations and getOrganisation", () => {
  it("counts users and grants in force (not revoked, not expired) in SQL", async () => {
    const admin = await adminActor();
    const organisation = await makeOrganisation();
    const partner = await createUser({ role: "PARTNER", organisationId: organisation.id });
    await createUser({ role: "PARTNER", organisationId: organisation.id, active: false });
    await createShareGrant({ organisationId: organisation.id });
    await createShareGrant({ organisationId: organisation.id, expiresOn: "2020-01-31" });
    await createShareGrant({ organisationId: organisation.id, revokedAt: new Date() });

    const listed = (await listOrganisations(admin)).find((o) => o.id === organisation.id);
    const detail = await getOrganisation(admin, organisation.id);

    expect(listed).toMatchObject({ name: organisation.name, active: true, userCount: 2, grantsInForce: 1 });
    expect(detail).toMatchObject({ userCount: 2, grantsInForce: 1 });
    expect(detail.users.map((u) => u.id)).toContain(partner.id);
  });
});

describe("deactivateOrganisation and reactivateOrganisation", () => {
  it("revokes every grant in force and ends every session of its users, in one go", async () => {
    const admin = await adminActor();
    const organisation = await makeOrganisation();
    const partner = await createUser({ role: "PARTNER", organisationId: organisation.id });
    const colleague = await createUser({ role: "PARTNER", organisationId: organisation.id });
    const bystander = await createUser({ role: "PARTNER" });
    const grants = [
      await createShareGrant({ organisationId: organisation.id }),
      await createShareGrant({ organisationId: organisation.id, profile: "DETAILED" }),
    ];
    const earlier = new Date("2025-01-01T00:00:00Z");
    const revokedBefore = await createShareGrant({ organisationId: organisation.id, revokedAt: earlier });
    const otherGrant = await createShareGrant({ organisationId: bystander.organisationId! });
    const session = await openSession(partner);
    await openSession(colleague);
    const bystanderSession = await openSession(bystander);
    expect(await loadSessionActor(session, "test")).toMatchObject({ actor: { id: partner.id } });

    const result = await deactivateOrganisation(admin, { organisationId: organisation.id });

    expect(result).toEqual({ revokedGrants: 2, signedOutUsers: 2 });
    const rows = await db.shareGrant.findMany({ where: { id: { in: grants.map((g) => g.id) } } });
    expect(rows.every((g) => g.revokedAt !== null && g.revokedById === admin.id)).toBe(true);
    expect(await db.shareGrant.findUniqueOrThrow({ where: { id: revokedBefore.id } })).toMatchObject({
      revokedAt: earlier,
      revokedById: null,
    });
    expect((await db.shareGrant.findUniqueOrThrow({ where: { id: otherGrant.id } })).revokedAt).toBeNull();
    const users = await db.user.findMany({ where: { id: { in: [partner.id, colleague.id, bystander.id] } } });
    const versions = Object.fromEntries(users.map((u) => [u.id, u.sessionVersion]));
    expect(versions).toEqual({
      [partner.id]: partner.sessionVersion + 1,
      [colleague.id]: colleague.sessionVersion + 1,
      [bystander.id]: bystander.sessionVersion,
    });
    expect(await loadSessionActor(session, "test")).toBeNull();
    // Even a new session with the new version is refused while the organisation is inactive.
    const fresh = await openSession({ ...partner, sessionVersion: versions[partner.id]! });
    expect(await loadSessionActor(fresh, "test")).toBeNull();
    const open = await db.userSession.findMany({
      where: { userId: { in: [partner.id, colleague.id] }, endedAt: null },
    });
    expect(open.map((s) => s.id)).toEqual([fresh.sessionId]);
    expect(await loadSessionActor(bystanderSession, "test")).not.toBeNull();
    expect(await auditOf({ entityId: organisation.id, action: "organisation.deactivate" })).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        outcome: "SUCCESS",
        details: { revokedGrants: 2, signedOutUsers: 2, endedSessions: 2, wasActive: true },
      }),
    ]);
  });

  it("reactivates without restoring grants; the users sign in afresh", async () => {
    const admin = await adminActor();
    const organisation = await makeOrganisation();
    const partner = await createUser({ role: "PARTNER", organisationId: organisation.id });
    const grant = await createShareGrant({ organisationId: organisation.id });
    const before = await openSession(partner);
    await deactivateOrganisation(admin, { organisationId: organisation.id });

    await reactivateOrganisation(admin, { organisationId: organisation.id });

    expect(await getOrganisation(admin, organisation.id)).toMatchObject({ active: true, grantsInForce: 0 });
    expect((await db.shareGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).not.toBeNull();
    expect(await loadSessionActor(before, "t")).toBeNull();
    const after = await openSession({ ...partner, sessionVersion: partner.sessionVersion + 1 });
    expect(await loadSessionActor(after, "t")).toMatchObject({
      actor: { id: partner.id, organisationId: organisation.id },
    });
    expect(await auditOf({ entityId: organisation.id, action: "organisation.reactivate" })).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "SUCCESS", details: { wasActive: false } }),
    ]);
  });
});

describe("listOrganisationActivity", () => {
  it("lists what the organisation's users did, newest first, a keyset page at a time", async () => {
    const admin = await adminActor();
    const organisation = await makeOrganisation();
    const [first, second] = [
      await createUser({ role: "PARTNER", organisationId: organisation.id }),
      await createUser({ role: "PARTNER", organisationId: organisation.id }),
    ];
    const outsider = await createUser({ role: "PARTNER" });
    // 60 denied reads, alternating between the two users, plus one by a partner of another organisation.
    for (let i = 0; i < 60; i++) {
      await expect(listOrganisations(actorFor(i % 2 ? second : first))).rejects.toThrow(AccessDeniedError);
    }
    await expect(listOrganisations(actorFor(outsider))).rejects.toThrow(AccessDeniedError);

    const page1 = await listOrganisationActivity(admin, { organisationId: organisation.id });
    expect(page1.entries).toHaveLength(50);
    expect(page1.entries[0]).toMatchObject({
      userId: second.id,
      userName: second.name,
      action: "organisation.list",
      outcome: "DENIED",
      entityType: null,
    });
    const page2 = await listOrganisationActivity(admin, { organisationId: organisation.id, after: page1.nextAfter! });
    expect(page2.nextAfter).toBeNull();
    const all = [...page1.entries, ...page2.entries];
    expect(all).toHaveLength(60);
    expect(all.map((e) => BigInt(e.id))).toEqual(all.map((e) => BigInt(e.id)).sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(all.map((e) => e.userId))).toEqual(new Set([first.id, second.id]));
    expect(await auditOf({ actorId: admin.id, action: "organisation.activity" })).toEqual([
      expect.objectContaining({ outcome: "SUCCESS", entityId: organisation.id, details: {} }),
      expect.objectContaining({ outcome: "SUCCESS", entityId: organisation.id, details: { after: page1.nextAfter } }),
    ]);
  });

  it("answers not found for an unknown organisation", async () => {
    const admin = await adminActor();
    await expect(listOrganisationActivity(admin, { organisationId: crypto.randomUUID() })).rejects.toThrow(
      NotFoundError,
    );
  });
});

describe.each<Role>(["EDITOR", "RESEARCHER", "VIEWER", "PARTNER"])("as %s", (role) => {
  it("refuses every function, changes nothing, and audits each refusal", async () => {
    const actor: Actor = actorFor(await createUser({ role }));
    const organisation = await makeOrganisation();
    const grant = await createShareGrant({ organisationId: organisation.id });
    const organisationId = organisation.id;
    const refusedName = `Refused ${uniqueToken()}`;
    const calls: [string, () => Promise<unknown>, string][] = [
      ["organisation.list", () => listOrganisations(actor), "organisation.manage"],
      ["organisation.read", () => getOrganisation(actor, organisationId), "organisation.manage"],
      ["organisation.create", () => createOrganisation(actor, { name: refusedName }), "organisation.manage"],
      ["organisation.rename", () => renameOrganisation(actor, { organisationId, name: "X" }), "organisation.manage"],
      ["organisation.deactivate", () => deactivateOrganisation(actor, { organisationId }), "organisation.manage"],
      ["organisation.reactivate", () => reactivateOrganisation(actor, { organisationId }), "organisation.manage"],
      ["organisation.activity", () => listOrganisationActivity(actor, { organisationId }), "audit.read"],
      ["organisation.create", () => ensureOrganisation(actor, refusedName), "organisation.manage"],
    ];
    for (const [action, call, permission] of calls) {
      const before = (await auditOf({ actorId: actor.id, action })).length;
      await expect(call(), action).rejects.toThrow(AccessDeniedError);
      const audit = await auditOf({ actorId: actor.id, action });
      expect(audit.slice(before), action).toEqual([
        expect.objectContaining({ actorRole: role, outcome: "DENIED", details: { permission } }),
      ]);
    }
    expect(await db.partnerOrganisation.count({ where: { name: refusedName } })).toBe(0);
    expect(await db.partnerOrganisation.findUniqueOrThrow({ where: { id: organisationId } })).toMatchObject({
      name: organisation.name,
      active: true,
    });
    expect((await db.shareGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).toBeNull();
  });
});
