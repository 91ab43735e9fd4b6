import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP's scrypt parameters: N = 2^17, r = 8, p = 1. About 0.6 s a hash on our 2-core machines. */
export const PRODUCTION_LOG2N = 17;
const KEY_LENGTH = 64;

const scryptAsync = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

// Node refuses N·r·128 bytes above 32 MiB unless maxmem says otherwise: 2^17·8·128 = 128 MiB.
const optionsFor = (log2N: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** log2N,
  r,
  p,
  maxmem: 2 * 128 * r * 2 ** log2N,
});

/**
 * Hashes a password as `scrypt$<log2N>$<r>$<p>$<salt>$<hash>` (base64url). `log2N` is the
 * cost: tests lower it to stay fast; the server refuses anything below OWASP's in production.
 */
export async function hashPassword(password: string, log2N = PRODUCTION_LOG2N): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, optionsFor(log2N, 8, 1));
  return ['scrypt', log2N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A stored hash in the format of `hashPassword` that no password matches: random salt, random
 * key. Checking a password against it costs one scrypt at `log2N`, as against a real hash,
 * without hashing anything to make it (half a second of every server start, before).
 */
export function unmatchableHash(log2N = PRODUCTION_LOG2N): string {
  const salt = randomBytes(16).toString('base64url');
  const key = randomBytes(KEY_LENGTH).toString('base64url');
  return ['scrypt', log2N, 8, 1, salt, key].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !log2N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(
    password.normalize('NFC'),
    Buffer.from(salt, 'base64url'),
    optionsFor(Number(log2N), Number(r), Number(p)),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}
