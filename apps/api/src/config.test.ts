import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig, parseTrustProxy, ROOT_DIR } from './config';

describe('loadConfig', () => {
  it('defaults to the SQLite file under data/, port 3000 and OWASP scrypt cost', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      databasePath: resolve(ROOT_DIR, 'data/targetline.db'),
      databasePoolSize: 10,
      auth: { scryptLog2N: 17 },
    });
  });

  it('keeps mail off without SMTP_URL, and takes SMTP_URL with SMTP_FROM', () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: null,
      from: null,
      publicUrl: null,
      intervalSeconds: 60,
    });
    expect(
      loadConfig({
        SMTP_URL: 'smtp://u:p@mail.example.org:587',
        SMTP_FROM: 'Targetline <t@example.org>',
        PUBLIC_URL: 'https://t.example.org/',
      }).mail,
    ).toMatchObject({
      smtpUrl: 'smtp://u:p@mail.example.org:587',
      from: 'Targetline <t@example.org>',
      publicUrl: 'https://t.example.org',
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.org' }, /SMTP_URL/],
    [{ SMTP_URL: 'smtp://mail.example.org' }, /SMTP_FROM/],
    [{ PUBLIC_URL: 'targetline.example.org' }, /PUBLIC_URL/],
    [{ REMINDER_INTERVAL_SECONDS: '-1' }, /REMINDER_INTERVAL_SECONDS/],
  ])('refuses the mail settings %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('listens on loopback in production unless HOST says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).host).toBe('0.0.0.0');
  });

  it('takes a postgres:// DATABASE_URL and a pool size', () => {
    const config = loadConfig({
      DATABASE_URL: ' postgres://app:secret@db.internal:5432/targetline ',
      DATABASE_POOL_SIZE: '25',
    });
    expect(config.databaseUrl).toBe('postgres://app:secret@db.internal:5432/targetline');
    expect(config.databasePoolSize).toBe(25);
  });

  it.each([
    ['DATABASE_URL', 'mysql://app@db/targetline', /DATABASE_URL/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE must be a whole number from 1 to 100/],
    ['DATABASE_POOL_SIZE', 'ten', /DATABASE_POOL_SIZE/],
    ['PORT', '70000', /PORT/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('refuses a scrypt cost below 17 in production only', () => {
    expect(loadConfig({ TARGETLINE_SCRYPT_LOG2N: '10' }).auth.scryptLog2N).toBe(10);
    expect(() => loadConfig({ NODE_ENV: 'production', TARGETLINE_SCRYPT_LOG2N: '10' })).toThrow(
      /weakens password hashing/,
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no hop by default, one for on, a number of hops, or the listed proxies — never every hop', () => {
    expect(loadConfig({}).auth.trustProxy).toBe(false);
    expect(parseTrustProxy('off')).toBe(false);
    expect(parseTrustProxy('on')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it.each(['true', 'yes', '0', '11', 'nginx.internal', '10.0.0.0/8/1', '127.0.0.1,'])(
    'refuses TRUST_PROXY=%s naming the variable',
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY must be/);
    },
  );
});

describe('describeDatabase', () => {
  it('names the SQLite file, or the PostgreSQL server without its password', () => {
    expect(describeDatabase({ databaseUrl: null, databasePath: '/srv/t.db' })).toBe(
      'SQLite /srv/t.db',
    );
    const pg = describeDatabase({
      databaseUrl: 'postgres://app:s3cret@db.internal:5432/targetline',
      databasePath: '/unused',
    });
    expect(pg).toBe('PostgreSQL postgres://app:***@db.internal:5432/targetline');
    expect(pg).not.toContain('s3cret');
  });
});
