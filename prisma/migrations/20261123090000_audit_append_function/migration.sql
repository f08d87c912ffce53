-- Appends one audit entry in one round trip (lib/data/audit.ts). The caller computes the entry's
-- canonical JSON, which does not depend on the chain; this function takes the chain lock, reads the
-- last hash and stores the entry with hash = sha256(previous hash ‖ "\n" ‖ canonical), DESIGN.md §5,
-- exactly what `npm run audit:verify` recomputes. Being VOLATILE plpgsql, its SELECT takes a fresh
-- snapshot after the lock is granted, so under READ COMMITTED it always sees the entry of the
-- writer before it and the chain cannot fork.
CREATE FUNCTION "append_audit_entry"(
    "p_created_at" TIMESTAMPTZ,
    "p_actor_id" UUID,
    "p_actor_role" "Role",
    "p_action" TEXT,
    "p_entity_type" TEXT,
    "p_entity_id" TEXT,
    "p_outcome" "AuditOutcome",
    "p_ip" TEXT,
    "p_details" JSONB,
    "p_canonical" TEXT
) RETURNS VOID LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    "previous" TEXT;
BEGIN
    -- The chain lock (0x5a55a6e): one writer at a time, held until the caller's transaction ends.
    PERFORM pg_advisory_xact_lock(94722670);
    SELECT "hash" INTO "previous" FROM "audit_entries" ORDER BY "id" DESC LIMIT 1;
    INSERT INTO "audit_entries"
        ("created_at", "actor_id", "actor_role", "action", "entity_type", "entity_id", "outcome", "ip",
         "details", "prev_hash", "hash")
    VALUES
        ("p_created_at", "p_actor_id", "p_actor_role", "p_action", "p_entity_type", "p_entity_id",
         "p_outcome", "p_ip", "p_details", "previous",
         encode(sha256(convert_to(coalesce("previous", '') || E'\n' || "p_canonical", 'UTF8')), 'hex'));
END;
$$;
