-- A source's claim about an event can now be edited from the event page: like cases, events and
-- sources, it carries a version, so that two people editing one claim cannot silently overwrite
-- each other (lib/data/attributions.ts refuses a stale edit with a conflict).
ALTER TABLE "attributions" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
