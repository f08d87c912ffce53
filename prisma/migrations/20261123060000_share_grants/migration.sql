-- Share grants (issue 5, DESIGN.md §4): one partner organisation's view of one case under a
-- profile, until `expires_on` (inclusive, UTC) unless revoked first. Grants are never deleted, so
-- the history of who could see what, and when, stays complete; revoking sets `revoked_at`.
CREATE TYPE "ShareProfile" AS ENUM ('SUMMARY', 'DETAILED');

CREATE TABLE "share_grants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "share_ref" TEXT NOT NULL,
    "case_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "profile" "ShareProfile" NOT NULL,
    "expires_on" DATE NOT NULL,
    "granted_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "share_grants_pkey" PRIMARY KEY ("id")
);

-- The partner's only handle on a case: unique, and (checked here too) never an internal id.
CREATE UNIQUE INDEX "share_grants_share_ref_key" ON "share_grants"("share_ref");
ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_share_ref_format" CHECK ("share_ref" ~ '^SH-[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6}$');

-- Who revoked a grant is recorded only with when (the system actor of the command line has no id).
ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_revoker_with_time" CHECK ("revoked_by_id" IS NULL OR "revoked_at" IS NOT NULL);

-- At most one grant in force (not revoked) per case and organisation: sharing again renews it.
-- Prisma cannot express a partial unique index, so it lives only here.
CREATE UNIQUE INDEX "share_grants_one_in_force" ON "share_grants"("case_id", "organisation_id") WHERE "revoked_at" IS NULL;

-- The case page's grants; the partner portal's list (keyset by share_ref); /shares (keyset by creation).
CREATE INDEX "share_grants_case_id_idx" ON "share_grants"("case_id");
CREATE INDEX "share_grants_organisation_id_share_ref_idx" ON "share_grants"("organisation_id", "share_ref");
CREATE INDEX "share_grants_created_at_id_idx" ON "share_grants"("created_at", "id");

ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "partner_organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
