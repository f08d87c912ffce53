import { createHash, randomInt } from "node:crypto";

// Recovery codes are 16 characters of Crockford's base32 (no I, L, O or U): 80 random bits each.
// They are stored as an unsalted sha256, not argon2: a password needs a slow hash because people
// choose guessable ones, but nobody can search 2^80 random candidates however fast the hash, and a
// plain digest lets sign-in find a code with one indexed lookup instead of ten argon2 runs.

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 16;
export const RECOVERY_CODE_COUNT = 10;

/** Ten fresh codes, grouped as `XXXX-XXXX-XXXX-XXXX` for reading and writing down. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)])
      .join("")
      .replace(/(.{4})(?=.)/g, "$1-"),
  );
}

/** As typed: any case, spaces and dashes anywhere, and the letters people mistake for digits. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** The stored form of a code (sha256 hex of its normalised form), or null if it cannot be one. */
export function hashRecoveryCode(typed: string): string | null {
  const code = normaliseRecoveryCode(typed);
  return code ? createHash("sha256").update(code).digest("hex") : null;
}
