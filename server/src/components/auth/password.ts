import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's 19 MiB, t=2, p=1.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the user is unknown, so timing does not reveal who exists. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('siar-no-such-user-placeholder');
  return dummy;
}
