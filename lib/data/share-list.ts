import "server-only";
import type { Actor } from "@/lib/domain/actor";
import { shareStatus, utcToday, type ShareProfile, type ShareStatus } from "@/lib/domain/share";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ShareListFilters } from "@/lib/validation/share";
import { authorize } from "./authorize";

export const SHARE_PAGE_SIZE = 50;

export interface ShareRow {
  id: string;
  shareRef: string;
  case: { id: string; ref: string };
  organisation: { id: string; name: string };
  profile: ShareProfile;
  expiresOn: string;
  status: ShareStatus;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface SharePage {
  rows: ShareRow[];
  next: string | null;
}

const shareSelect = {
  id: true,
  shareRef: true,
  profile: true,
  expiresOn: true,
  createdAt: true,
  revokedAt: true,
  case: { select: { id: true, ref: true } },
  organisation: { select: { id: true, name: true } },
} as const;

function statusWhere(status: ShareStatus | undefined, today: Date): Prisma.ShareGrantWhereInput {
  if (status === "REVOKED") return { revokedAt: { not: null } };
  if (status === "EXPIRED") return { revokedAt: null, expiresOn: { lt: today } };
  if (status === "ACTIVE") return { revokedAt: null, expiresOn: { gte: today } };
  return {};
}

/** Cursor: the last row's creation time and id, newest first. A hand-edited cursor starts over. */
function cursorWhere(after: string | undefined): Prisma.ShareGrantWhereInput {
  const match = after && /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-f-]{36})$/.exec(after);
  if (!match || Number.isNaN(Date.parse(match[1]!))) return {};
  const createdAt = new Date(match[1]!);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: match[2]! } }] };
}

/**
 * Share grants, newest first, filtered by organisation, status and profile, a page at a time
 * (keyset on created_at, id). `caseId` limits them to one case, for its page.
 */
export async function listShares(actor: Actor, filters: ShareListFilters & { caseId?: string }): Promise<SharePage> {
  await authorize(actor, "share.manage", { action: "share.list" });
  const today = utcToday();
  const rows = await db.shareGrant.findMany({
    where: {
      AND: [
        filters.caseId ? { caseId: filters.caseId } : {},
        filters.organisationId ? { organisationId: filters.organisationId } : {},
        filters.profile ? { profile: filters.profile } : {},
        statusWhere(filters.status, new Date(`${today}T00:00:00Z`)),
        cursorWhere(filters.after),
      ],
    },
    select: shareSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: SHARE_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, SHARE_PAGE_SIZE).map((row) => {
    const expiresOn = row.expiresOn.toISOString().slice(0, 10);
    return { ...row, expiresOn, status: shareStatus({ revokedAt: row.revokedAt, expiresOn }, today) };
  });
  const last = page.at(-1);
  const next = rows.length > SHARE_PAGE_SIZE && last ? `${last.createdAt.toISOString()}_${last.id}` : null;
  return { rows: page, next };
}
