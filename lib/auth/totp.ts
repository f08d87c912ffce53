import { Secret, TOTP } from "otpauth";

// RFC 6238 with the parameters every authenticator app supports: SHA-1, six digits, 30 seconds.
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = "Passage";

/** A new random 160-bit secret, base32 as authenticator apps take it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI that the enrolment QR code carries. */
export function totpUri(secret: string, account: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    digits: DIGITS,
    period: PERIOD,
  }).toString();
}

/** The time step (30-second counter since the epoch) of an instant. */
export function totpStep(timestamp: number): number {
  return TOTP.counter({ period: PERIOD, timestamp });
}

/** The code of a step: for tests and the e2e fixture's helpers. */
export function totpCode(secret: string, timestamp: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits: DIGITS, period: PERIOD, timestamp });
}

export const TOTP_CODE = /^\d{6}$/;

/**
 * The step whose code `token` is, or null. Only the current step and the one before it count: a
 * code older than one step is refused (issue 6), and so is one from the future, which only a clock
 * set wrong would produce. The caller must still refuse a step at or before the last one accepted.
 */
export function matchTotpStep(secret: string, token: string, timestamp: number): number | null {
  if (!TOTP_CODE.test(token)) return null;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    digits: DIGITS,
    period: PERIOD,
    timestamp,
    window: 1,
  });
  if (delta === null || delta > 0) return null;
  return totpStep(timestamp) + delta;
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
