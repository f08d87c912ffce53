import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import type { PartnerOrganisation, User } from "@/lib/generated/prisma/client";

// Factories for tests (STYLE.md rule 10). Every call makes fresh rows with unique names and
// emails, so tests never depend on each other, on their order, or on what else is in a table.

export const DEFAULT_PASSWORD = "correct horse battery staple";

/** A short unique token, for names and emails that must not collide across parallel tests. */
export function uniqueToken(): string {
  return randomUUID().slice(0, 13).replace("-", "");
}

// Argon2 is slow on purpose; a password hashed once serves every user that shares it.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hashed = hashes.get(password);
  if (!hashed) {
    hashed = hashPassword(password);
    hashes.set(password, hashed);
  }
  return hashed;
}

export interface OrganisationOverrides {
  name?: string;
  active?: boolean;
}

export function createOrganisation(overrides: OrganisationOverrides = {}): Promise<PartnerOrganisation> {
  return db.partnerOrganisation.create({
    data: { name: overrides.name ?? `Partner ${uniqueToken()}`, active: overrides.active ?? true },
  });
}

export interface UserOverrides {
  email?: string;
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  /** Defaults to a new organisation for a PARTNER (the schema requires one) and to none for staff. */
  organisationId?: string | null;
}

/** The created row, plus the plain password it signs in with. */
export type TestUser = User & { password: string };

export async function createUser(overrides: UserOverrides = {}): Promise<TestUser> {
  const role = overrides.role ?? "EDITOR";
  const password = overrides.password ?? DEFAULT_PASSWORD;
  const organisationId =
    overrides.organisationId !== undefined
      ? overrides.organisationId
      : role === "PARTNER"
        ? (await createOrganisation()).id
        : null;
  const token = uniqueToken();
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}-${token}@passage.test`,
      name: overrides.name ?? `Test ${role.toLowerCase()} ${token}`,
      role,
      active: overrides.active ?? true,
      organisationId,
      passwordHash: await hashOnce(password),
    },
  });
  return { ...user, password };
}

/** The actor a signed-in `user` would be, as `loadSessionActor` builds it. */
export function actorFor(user: User, origin: string | null = "test"): Actor {
  return {
    id: user.id,
    role: user.role,
    organisationId: user.organisationId,
    name: user.name,
    email: user.email,
    origin,
  };
}

/** An actor of a new user with this role. */
export const asRole = async (role: Role): Promise<Actor> => actorFor(await createUser({ role }));

/** The error a promise rejects with; fails the test if it resolves. */
export async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  );
}
