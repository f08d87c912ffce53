-- Two-factor sign-in (TOTP) and server-side sessions (issue 6, items 3 and 4).

-- TOTP on the user row. `totp_secret` is the base32 secret sealed with AES-256-GCM under a key
-- derived from PASSAGE_TOTP_ENCRYPTION_KEY (or NEXTAUTH_SECRET) and bound to the user's id, so that a
-- stolen database dump does not also hand over everyone's second factor. It is written when
-- enrolment starts and in force only once `totp_enabled_at` is set, when the user has proved with a
-- code that their app holds it. `totp_last_step` is the last 30-second step whose code was accepted:
-- a code of that step or an earlier one is refused, so an observed code cannot be replayed.
ALTER TABLE "users" ADD COLUMN "totp_secret" TEXT,
    ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(3),
    ADD COLUMN "totp_last_step" INTEGER;

-- Two-factor cannot be in force without a secret to check codes against.
ALTER TABLE "users" ADD CONSTRAINT "users_totp_enabled_has_secret" CHECK ("totp_enabled_at" IS NULL OR "totp_secret" IS NOT NULL);

-- Recovery codes: ten per enrolment, each usable once. They are 80 random bits, so an unsalted
-- sha256 hex is enough (nobody can search 2^80 candidates), and it lets sign-in find a code by its
-- hash in one indexed lookup instead of running argon2 ten times per attempt.
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

-- Sign-in looks a code up by user and hash; the index also serves the foreign key.
CREATE UNIQUE INDEX "recovery_codes_user_id_code_hash_key" ON "recovery_codes"("user_id", "code_hash");

-- Only ever a sha256 hex digest: a plain code stored here by mistake would be refused.
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_hash_format" CHECK ("code_hash" ~ '^[0-9a-f]{64}$');

-- Codes and sessions are working data of one user and mean nothing without them.
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per sign-in. The session token carries the id; each request checks that the session has
-- not ended (sign-out, "sign out everywhere"), is not idle too long and is younger than the absolute
-- lifetime, by the database's clock. Ended sessions are kept: they say when each browser signed out.
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- "Sign out everywhere" ends a user's sessions; the index also serves the foreign key.
CREATE INDEX "user_sessions_user_id_created_at_idx" ON "user_sessions"("user_id", "created_at");

ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Per-role security settings, one row per role, changed by administrators.
CREATE TABLE "role_settings" (
    "role" "Role" NOT NULL,
    "require_two_factor" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_settings_pkey" PRIMARY KEY ("role")
);

-- Administrators hold the keys to every account and the audit trail: two-factor is required of
-- them from the start (issue 6). The other roles start without the requirement.
INSERT INTO "role_settings" ("role", "require_two_factor") VALUES
    ('ADMIN', true), ('EDITOR', false), ('RESEARCHER', false), ('VIEWER', false), ('PARTNER', false);
