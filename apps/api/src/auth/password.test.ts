import { describe, expect, it } from 'vitest';
import { hashPassword, unmatchableHash, verifyPassword } from './password';

describe('hashPassword / verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('targetline-demo', 10);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(await verifyPassword('targetline-demo', stored)).toBe(true);
    expect(await verifyPassword('targetline-dem0', stored)).toBe(false);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    expect(await hashPassword('x', 10)).not.toBe(await hashPassword('x', 10));
  });

  it('treats the NFC and NFD forms of a Vietnamese password as the same', async () => {
    const stored = await hashPassword('mật khẩu'.normalize('NFD'), 10);
    expect(await verifyPassword('mật khẩu'.normalize('NFC'), stored)).toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('runs with the production cost, which needs maxmem raised', async () => {
    const stored = await hashPassword('x', 17);
    expect(await verifyPassword('x', stored)).toBe(true);
  });
});

describe('unmatchableHash', () => {
  it('has the format and cost of a real hash, and no password matches it', async () => {
    const stored = unmatchableHash(10);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect((await hashPassword('x', 10)).length).toBe(stored.length);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('not a password', stored)).toBe(false);
  });
});
