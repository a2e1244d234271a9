// Passwords hashed with argon2id (OWASP's minimum: 19 MiB, 2 passes) and random secrets for session
// cookies and API tokens, which are stored only as SHA-256 digests.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { HeadwayError } from '../errors.ts';

const MIN_PASSWORD_LENGTH = 12;

// The package declares its Algorithm as a const enum, which exists only in its types: a file-by-file
// compile (tsx, dist/) cannot inline it and the object it exports at run time is empty. 2 is Argon2id.
const ARGON2ID = 2;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, {
    algorithm: ARGON2ID,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    outputLen: 32,
  });
}

// Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
let decoy: Promise<string> | undefined;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword('no account has this password');
    await verify(await decoy, password);
    return false;
  }
  return verify(stored, password);
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new HeadwayError('invalid', `A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
}

/** A new secret for a cookie or token: 32 random bytes, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
