import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { ROLES, type Role } from "@/lib/domain/policy";
import { db } from "@/lib/db";
import type { TwoFactorRequirementInput, TwoFactorResetInput } from "@/lib/validation/two-factor";
import { recordAudit } from "./audit";
import { authorize } from "./authorize";
import { NotFoundError } from "./errors";
import { endOtherUserSessions } from "./user-sessions";

/** Administrators must use two-factor unless a setting says otherwise (issue 6). */
const DEFAULT_REQUIRED: Role[] = ["ADMIN"];

/** The roles whose users must enrol before they may do anything. No actor: read per request. */
export async function rolesRequiringTwoFactor(): Promise<Set<Role>> {
  const settings = await db.roleSetting.findMany({ select: { role: true, requireTwoFactor: true } });
  return new Set(
    ROLES.filter((role) => requiresTwoFactor(role, settings.find((s) => s.role === role)?.requireTwoFactor)),
  );
}

/** Whether users of `role` must use two-factor, given the role's stored setting, if any. */
export function requiresTwoFactor(role: Role, setting: boolean | null | undefined): boolean {
  return setting ?? DEFAULT_REQUIRED.includes(role);
}

/** Whether users of `role` must enrol before they may do anything. No actor: read per request. */
export async function roleRequiresTwoFactor(role: Role): Promise<boolean> {
  return (await rolesRequiringTwoFactor()).has(role);
}

export async function listTwoFactorRequirements(actor: Actor): Promise<Record<Role, boolean>> {
  await authorize(actor, "user.manage", { action: "user.two_factor_requirement.list" });
  const required = await rolesRequiringTwoFactor();
  return Object.fromEntries(ROLES.map((role) => [role, required.has(role)])) as Record<Role, boolean>;
}

/** Takes effect on the next request of every user of the role who has not enrolled. */
export async function setTwoFactorRequirement(actor: Actor, input: TwoFactorRequirementInput): Promise<void> {
  await authorize(actor, "user.manage", { action: "user.two_factor_requirement" });
  await db.$transaction(async (tx) => {
    await tx.roleSetting.upsert({
      where: { role: input.role },
      create: { role: input.role, requireTwoFactor: input.required },
      update: { requireTwoFactor: input.required },
    });
    await recordAudit(
      {
        actor,
        action: "user.two_factor_requirement",
        outcome: "SUCCESS",
        entityType: "role",
        entityId: input.role,
        details: { required: input.required },
      },
      tx,
    );
  });
}

/**
 * For a lost or stolen device: removes the user's second factor and recovery codes and ends their
 * sessions (the device may be in someone else's hands). They enrol again at their next sign-in if
 * their role requires it.
 */
export async function resetTwoFactor(actor: Actor, input: TwoFactorResetInput): Promise<void> {
  await authorize(actor, "user.manage", {
    action: "user.two_factor_reset",
    entityType: "user",
    entityId: input.userId,
  });
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!user) throw new NotFoundError();
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const ended = await endOtherUserSessions(tx, user.id, null);
    await recordAudit(
      {
        actor,
        action: "user.two_factor_reset",
        outcome: "SUCCESS",
        entityType: "user",
        entityId: user.id,
        details: { endedSessions: ended },
      },
      tx,
    );
  });
}
