-- The audit log's action filter is a prefix ("auth." or "auth.sign_in", lib/data/audit-log.ts), a
-- LIKE 'prefix%' that audit_entries_action_created_at_idx cannot serve under a collation other
-- than C: a rare action was found by reading the whole log (0.25 s in two million entries).
-- text_pattern_ops compares bytes, so a prefix is a range of this index, in time order within each
-- action.
CREATE INDEX "audit_entries_action_pattern_idx" ON "audit_entries"("action" text_pattern_ops, "created_at");
