import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// TOTP secrets are sealed with AES-256-GCM before they reach the database. The key is derived with
// HKDF-SHA256 from PASSAGE_TOTP_ENCRYPTION_KEY or, when that is unset, from NEXTAUTH_SECRET. A
// dedicated key lets NEXTAUTH_SECRET be rotated (signing everyone out) without losing every
// enrolment; with the fallback, rotating NEXTAUTH_SECRET means administrators reset everyone's 2FA.
// Each sealed value is bound to its user's id (GCM additional data), so a secret copied onto
// another account's row does not open.

const VERSION = "v1";
const SALT = "passage/totp-secret";

function keyMaterial(): string {
  return process.env.PASSAGE_TOTP_ENCRYPTION_KEY || process.env.NEXTAUTH_SECRET || "";
}

function deriveKey(material: string): Buffer {
  if (Buffer.byteLength(material, "utf8") < 32) {
    throw new Error("Set PASSAGE_TOTP_ENCRYPTION_KEY or NEXTAUTH_SECRET (at least 32 bytes) to seal TOTP secrets.");
  }
  return Buffer.from(hkdfSync("sha256", material, SALT, VERSION, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url parts. */
export function sealSecret(plain: string, boundTo: string, material = keyMaterial()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(material), iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The sealed secret, or null when it was altered, sealed for someone else, or under another key. */
export function openSecret(sealed: string, boundTo: string, material = keyMaterial()): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(material), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
