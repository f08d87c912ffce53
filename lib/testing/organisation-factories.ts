import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { ShareGrant } from "@/lib/generated/prisma/client";
import { createCase, day } from "./case-factories";

// Share grants straight through Prisma, for tests that need grants without the sharing screens.

const SHARE_REF_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A random reference in the format the share_grants CHECK requires (SH- and four groups of six). */
export function randomShareRef(): string {
  const group = () => [...randomBytes(6)].map((b) => SHARE_REF_ALPHABET[b % SHARE_REF_ALPHABET.length]).join("");
  return `SH-${group()}-${group()}-${group()}-${group()}`;
}

export interface ShareGrantOverrides {
  organisationId: string;
  /** Defaults to a new case with consent to share recorded. */
  caseId?: string;
  profile?: "SUMMARY" | "DETAILED";
  /** YYYY-MM-DD, the last valid day; defaults to 2099-12-31. */
  expiresOn?: string;
  revokedAt?: Date | null;
}

export async function createShareGrant(overrides: ShareGrantOverrides): Promise<ShareGrant> {
  const caseId =
    overrides.caseId ??
    (
      await createCase({
        consentToShare: true,
        consentRecordedById: crypto.randomUUID(),
        consentRecordedAt: new Date(),
      })
    ).id;
  return db.shareGrant.create({
    data: {
      shareRef: randomShareRef(),
      caseId,
      organisationId: overrides.organisationId,
      profile: overrides.profile ?? "SUMMARY",
      expiresOn: day(overrides.expiresOn ?? "2099-12-31"),
      revokedAt: overrides.revokedAt ?? null,
    },
  });
}
