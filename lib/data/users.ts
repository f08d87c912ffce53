import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/policy";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PasswordResetInput, UserActiveInput, UserCreateInput, UserRoleInput } from "@/lib/validation/user";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError, RuleViolationError } from "./errors";

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  organisation: { id: string; name: string } | null;
  createdAt: Date;
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  organisation: { select: { id: true, name: true } },
} as const;

const PAGE_SIZE = 50;

/** Users by email, keyset-paginated: pass the last email of a page as `after`. */
export async function listUsers(actor: Actor, options: { after?: string } = {}) {
  await authorize(actor, "user.manage", { action: "user.list" });
  const rows = await db.user.findMany({
    select: userSelect,
    where: options.after ? { email: { gt: options.after } } : undefined,
    orderBy: { email: "asc" },
    take: PAGE_SIZE + 1,
  });
  return {
    users: rows.slice(0, PAGE_SIZE) as UserDto[],
    nextAfter: rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.email : null,
  };
}

export async function countUsers(): Promise<number> {
  return db.user.count();
}

export async function createUser(actor: Actor, input: UserCreateInput): Promise<UserDto> {
  await authorize(actor, "user.manage", { action: "user.create" });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          organisationId: input.role === "PARTNER" ? input.organisationId : null,
          passwordHash,
        },
        select: userSelect,
      });
      await recordAudit(
        {
          actor,
          action: "user.create",
          outcome: "SUCCESS",
          entityType: "user",
          entityId: user.id,
          details: { role: user.role },
        },
        tx,
      );
      return user as UserDto;
    });
  } catch (error) {
    throw asRuleViolation(error);
  }
}

/** Unique and foreign-key violations are input errors the form can show next to the field. */
function asRuleViolation(error: unknown): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  if (error.code === "P2002") return new RuleViolationError({ email: ["emailTaken"] });
  if (error.code === "P2003") return new RuleViolationError({ organisationId: ["organisationRequired"] });
  return error;
}

/**
 * Locks the active admins and refuses a change that would leave none: Passage without an admin
 * cannot be managed. The row locks make two concurrent demotions queue instead of both passing.
 */
async function keepAnAdmin(tx: Tx, userId: string, field: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  if (admins.some((a) => a.id === userId) && admins.length <= 1) {
    throw new RuleViolationError({ [field]: ["lastAdmin"] });
  }
}

async function findUserForUpdate(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, active: true } });
  if (!user) throw new NotFoundError();
  return user;
}

export async function changeUserRole(actor: Actor, input: UserRoleInput): Promise<void> {
  await authorize(actor, "user.manage", { action: "user.role_change", entityType: "user", entityId: input.userId });
  await db
    .$transaction(async (tx) => {
      const user = await findUserForUpdate(tx, input.userId);
      if (user.role === "ADMIN" && input.role !== "ADMIN") await keepAnAdmin(tx, user.id, "role");
      await tx.user.update({
        where: { id: user.id },
        data: {
          role: input.role,
          organisationId: input.role === "PARTNER" ? input.organisationId : null,
          sessionVersion: { increment: 1 },
        },
      });
      await recordAudit(
        {
          actor,
          action: "user.role_change",
          outcome: "SUCCESS",
          entityType: "user",
          entityId: user.id,
          details: { from: user.role, to: input.role },
        },
        tx,
      );
    })
    .catch((error: unknown) => {
      throw asRuleViolation(error);
    });
}

export async function setUserActive(actor: Actor, input: UserActiveInput): Promise<void> {
  const action = input.active ? "user.reactivate" : "user.deactivate";
  await authorize(actor, "user.manage", { action, entityType: "user", entityId: input.userId });
  await db.$transaction(async (tx) => {
    const user = await findUserForUpdate(tx, input.userId);
    if (!input.active && user.role === "ADMIN") await keepAnAdmin(tx, user.id, "active");
    await tx.user.update({
      where: { id: user.id },
      data: { active: input.active, sessionVersion: { increment: 1 } },
    });
    await recordAudit({ actor, action, outcome: "SUCCESS", entityType: "user", entityId: user.id }, tx);
  });
}

export async function resetUserPassword(actor: Actor, input: PasswordResetInput): Promise<void> {
  await authorize(actor, "user.manage", { action: "user.password_reset", entityType: "user", entityId: input.userId });
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    const user = await findUserForUpdate(tx, input.userId);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(
      { actor, action: "user.password_reset", outcome: "SUCCESS", entityType: "user", entityId: user.id },
      tx,
    );
  });
}
