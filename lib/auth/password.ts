import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes): about 30 ms a hash on this hardware.
// `algorithm: 2` is Argon2id (a const enum in the typings, which isolatedModules cannot import).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** NFC first, so that a Korean passphrase typed on different keyboards hashes the same way. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown account) it still spends the same time on a
 * dummy hash, so response times do not reveal which emails have accounts.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("passage-dummy-password-for-timing");
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password.normalize("NFC"));
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}
