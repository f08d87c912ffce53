-- Sources list (newest first, keyset on created_at and id, optionally by kind) and the source
-- picker of attribution forms (by title): live rows only.
CREATE INDEX "sources_live_created_idx" ON "sources"("created_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL;
CREATE INDEX "sources_live_kind_created_idx" ON "sources"("kind", "created_at" DESC, "id" DESC) WHERE "deleted_at" IS NULL;
CREATE INDEX "sources_live_title_idx" ON "sources"("title", "id") WHERE "deleted_at" IS NULL;
