-- A source's page counts the events it backs as all its attributions less those to deleted events
-- (lib/data/sources.ts): this index finds the deleted events, which are few, so that neither count
-- reads the live ones.
CREATE INDEX "events_deleted_idx" ON "events"("id") WHERE "deleted_at" IS NOT NULL;

-- The organisations list counts each organisation's grants in force (lib/data/organisations.ts):
-- index-only with this, instead of reading every grant the organisation ever had.
CREATE INDEX "share_grants_in_force_idx" ON "share_grants"("organisation_id", "expires_on") WHERE "revoked_at" IS NULL;
