-- Sign-in throttling (issue 6): failed attempts are counted here, not in memory, so that every
-- app server sees the same counts. `email_hash` is the sha256 hex of the trimmed, lower-cased email
-- as typed, so an attempt on an unknown address stores no email; `ip` is the audit trail's origin.
-- Rows are working data, not evidence (the audit trail is that): lib/data/sessions.ts deletes those
-- older than two days. `updated_at` is never changed; it is kept for the house style (STYLE.md rule 9).
CREATE TABLE "sign_in_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email_hash" TEXT NOT NULL,
    "ip" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);

-- The two throttling counts: failures for one account, and from one address, within a window.
CREATE INDEX "sign_in_attempts_email_hash_created_at_idx" ON "sign_in_attempts"("email_hash", "created_at");
CREATE INDEX "sign_in_attempts_ip_created_at_idx" ON "sign_in_attempts"("ip", "created_at");

-- Pruning deletes by age; without this it would scan the whole table, which an attack makes large.
CREATE INDEX "sign_in_attempts_created_at_idx" ON "sign_in_attempts"("created_at");
