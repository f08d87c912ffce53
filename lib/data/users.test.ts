import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Role } from "@/lib/domain/policy";
import { actorFor, createOrganisation, createUser, uniqueToken } from "@/lib/testing/factories";
import { passwordResetSchema, userCreateSchema } from "@/lib/validation/user";
import { AccessDeniedError, NotFoundError, RuleViolationError } from "./errors";
import { changeUserRole, createUser as createUserAs, resetUserPassword, setUserActive } from "./users";

// The last-admin rule needs a database with a known set of admins: see users.last-admin.test.ts.

const newUserInput = (overrides: Record<string, unknown> = {}) =>
  userCreateSchema.parse({
    name: "New Colleague",
    email: `new-${uniqueToken()}@passage.test`,
    role: "RESEARCHER",
    password: "a long enough password",
    ...overrides,
  });

async function auditOf(where: { actorId?: string; entityId?: string; action: string }) {
  return db.auditEntry.findMany({ where, orderBy: { id: "asc" } });
}

describe("createUser", () => {
  it("lets an admin create a user, and audits user.create", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const input = newUserInput({ email: `  Mixed-${uniqueToken()}@Passage.TEST ` });

    const created = await createUserAs(actorFor(admin), input);

    expect(created).toMatchObject({
      email: input.email,
      name: "New Colleague",
      role: "RESEARCHER",
      active: true,
      organisation: null,
    });
    expect(created.email).toBe(created.email.toLowerCase());
    const row = await db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(await verifyPassword(row.passwordHash, "a long enough password")).toBe(true);
    const audit = await auditOf({ entityId: created.id, action: "user.create" });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        actorRole: "ADMIN",
        outcome: "SUCCESS",
        entityType: "user",
        details: { role: "RESEARCHER" },
      }),
    ]);
  });

  it("gives a partner their organisation", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const organisation = await createOrganisation();

    const created = await createUserAs(
      actorFor(admin),
      newUserInput({ role: "PARTNER", organisationId: organisation.id }),
    );

    expect(created.organisation).toEqual({ id: organisation.id, name: organisation.name });
  });

  it.each<Role>(["EDITOR", "RESEARCHER", "VIEWER", "PARTNER"])("refuses %s, and audits the refusal", async (role) => {
    const actor = await createUser({ role });
    const input = newUserInput();

    await expect(createUserAs(actorFor(actor), input)).rejects.toThrow(AccessDeniedError);

    expect(await db.user.count({ where: { email: input.email } })).toBe(0);
    const audit = await auditOf({ actorId: actor.id, action: "user.create" });
    expect(audit).toEqual([
      expect.objectContaining({ actorRole: role, outcome: "DENIED", details: { permission: "user.manage" } }),
    ]);
  });

  it("refuses an email that is taken, whatever its case", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const existing = await createUser();

    const error = await createUserAs(actorFor(admin), newUserInput({ email: existing.email.toUpperCase() })).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(RuleViolationError);
    expect((error as RuleViolationError).fieldErrors).toEqual({ email: ["emailTaken"] });
  });
});

describe("changeUserRole", () => {
  it("changes the role, ends the user's sessions, and audits from and to", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ role: "VIEWER" });

    await changeUserRole(actorFor(admin), { userId: user.id, role: "EDITOR", organisationId: null });

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.role).toBe("EDITOR");
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await auditOf({ entityId: user.id, action: "user.role_change" })).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "SUCCESS", details: { from: "VIEWER", to: "EDITOR" } }),
    ]);
  });

  it("moves a user into and out of a partner organisation", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const organisation = await createOrganisation();
    const user = await createUser({ role: "RESEARCHER" });

    await changeUserRole(actorFor(admin), { userId: user.id, role: "PARTNER", organisationId: organisation.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "PARTNER",
      organisationId: organisation.id,
    });

    await changeUserRole(actorFor(admin), { userId: user.id, role: "EDITOR", organisationId: organisation.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "EDITOR",
      organisationId: null,
    });
  });

  it("demotes an admin while another admin remains", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const other = await createUser({ role: "ADMIN" });

    await changeUserRole(actorFor(admin), { userId: other.id, role: "VIEWER", organisationId: null });

    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("VIEWER");
  });

  it("refuses non-admins and unknown users", async () => {
    const editor = await createUser({ role: "EDITOR" });
    const admin = await createUser({ role: "ADMIN" });
    const target = await createUser({ role: "VIEWER" });

    await expect(
      changeUserRole(actorFor(editor), { userId: target.id, role: "ADMIN", organisationId: null }),
    ).rejects.toThrow(AccessDeniedError);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("VIEWER");
    await expect(
      changeUserRole(actorFor(admin), { userId: randomUUID(), role: "EDITOR", organisationId: null }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("setUserActive", () => {
  it("deactivates and reactivates, ending sessions each time", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ role: "EDITOR" });

    await setUserActive(actorFor(admin), { userId: user.id, active: false });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      active: false,
      sessionVersion: user.sessionVersion + 1,
    });

    await setUserActive(actorFor(admin), { userId: user.id, active: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      active: true,
      sessionVersion: user.sessionVersion + 2,
    });

    const actions = (await db.auditEntry.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["user.deactivate", "user.reactivate"]);
  });

  it("refuses a researcher and audits the refusal against the target", async () => {
    const researcher = await createUser({ role: "RESEARCHER" });
    const user = await createUser();

    await expect(setUserActive(actorFor(researcher), { userId: user.id, active: false })).rejects.toThrow(
      AccessDeniedError,
    );

    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(true);
    expect(await auditOf({ entityId: user.id, action: "user.deactivate" })).toEqual([
      expect.objectContaining({ actorId: researcher.id, outcome: "DENIED" }),
    ]);
  });
});

describe("resetUserPassword", () => {
  it("replaces the hash and ends the user's sessions", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const input = passwordResetSchema.parse({ userId: user.id, password: "a brand new passphrase" });

    await resetUserPassword(actorFor(admin), input);

    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).not.toBe(user.passwordHash);
    expect(await verifyPassword(after.passwordHash, "a brand new passphrase")).toBe(true);
    expect(await verifyPassword(after.passwordHash, user.password)).toBe(false);
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await auditOf({ entityId: user.id, action: "user.password_reset" })).toEqual([
      expect.objectContaining({ actorId: admin.id, outcome: "SUCCESS", details: {} }),
    ]);
  });
});
