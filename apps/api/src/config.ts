import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineOf } from '@targetline/db';
import { PRODUCTION_LOG2N } from './auth/password';

/** The repository root, whatever directory the process was started from. */
export const ROOT_DIR = resolve(fileURLToPath(import.meta.url), '../../../..');

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** DATABASE_URL: a postgres:// URL selects PostgreSQL; null keeps the SQLite file. */
  databaseUrl: string | null;
  /**
   * DATABASE_POOL_SIZE: connections each process keeps to PostgreSQL. With several processes,
   * keep processes × pool below the server's max_connections (100 by default).
   */
  databasePoolSize: number;
  isProduction: boolean;
  /** Built web app to serve at /, or null to serve the API only. */
  webDistDir: string | null;
  /** JSON file of the demo organisation loaded into an empty database, or null for none. */
  demoDataPath: string | null;
  /** Create the demo accounts (password targetline-demo) with the demo organisation. */
  hasDemoAccounts: boolean;
  /**
   * TARGETLINE_SUMMARY_WORKER (on by default): build the dashboard's summary in a thread of
   * its own, off the event loop that answers the writes.
   */
  summaryWorker: boolean;
  auth: AuthSettings;
  mail: MailSettings;
};

/**
 * Notifications by mail and the reminders' schedule. Without SMTP_URL no mail is sent and
 * nothing fails: notifications are still written and shown in the app.
 */
export type MailSettings = {
  /** SMTP_URL: smtp://user:pass@host:587 or smtps://…:465; null: mail is off. */
  smtpUrl: string | null;
  /** SMTP_FROM: the sender, "Targetline <targetline@example.org>". */
  from: string | null;
  /** PUBLIC_URL: where people open Targetline, for the links in the mail; null: no links. */
  publicUrl: string | null;
  /** REMINDER_INTERVAL_SECONDS: how often the reminders and the outbox run; 0 turns the timer off. */
  intervalSeconds: number;
};

export const MAIL_OFF: MailSettings = {
  smtpUrl: null,
  from: null,
  publicUrl: null,
  intervalSeconds: 0,
};

export type AuthSettings = {
  /** scrypt cost as log2(N); never below OWASP's 17 in production. */
  scryptLog2N: number;
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after log-in, however active. */
  absoluteHours: number;
  /**
   * Behind a reverse proxy: which hops may speak for the client in X-Forwarded-For and
   * X-Forwarded-Proto (Secure cookies, HSTS, the log-in limit per address). false trusts
   * none; a number trusts that many hops next to the server; a list trusts those proxy
   * addresses (IPs or CIDR ranges). Never every hop: the client writes the first entries.
   */
  trustProxy: false | number | string[];
};

export const DEFAULT_AUTH: AuthSettings = {
  scryptLog2N: PRODUCTION_LOG2N,
  idleMinutes: 60,
  absoluteHours: 12,
  trustProxy: false,
};

export class ConfigError extends Error {}

function parseWhole(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  throw new ConfigError(`${name} must be "on" or "off", not "${raw}"`);
}

/**
 * TRUST_PROXY: off (default), on (one reverse proxy in front: the address it saw is the
 * client), a number of proxy hops, or a comma-separated list of the proxies' addresses.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'off') return false;
  if (value === 'on') return 1;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  }
  const list = value.split(',').map((part) => part.trim());
  const isAddress = (part: string) =>
    isIP(part.split('/')[0] ?? '') !== 0 && /^[^/]+(\/\d{1,3})?$/.test(part);
  if (list.length > 0 && list.every(isAddress)) return list;
  throw new ConfigError(
    `TRUST_PROXY must be "off", "on" (one proxy), a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses such as 127.0.0.1,10.0.0.0/8, not "${raw}"`,
  );
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    engineOf(raw);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return raw.trim();
}

/** A database URL fit for a log or a terminal: the password replaced by ***. */
export function maskedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Where the data lives, for the start-up line: never the password of a URL. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'databasePath'>): string {
  if (config.databaseUrl === null) return `SQLite ${config.databasePath}`;
  return `PostgreSQL ${maskedUrl(config.databaseUrl)}`;
}

function parseMail(env: NodeJS.ProcessEnv): MailSettings {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  const from = env.SMTP_FROM?.trim() || null;
  if (smtpUrl !== null) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new ConfigError(
        'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587',
      );
    }
    if (from === null) {
      throw new ConfigError(
        'SMTP_FROM must say who the mail is from, such as "Targetline <targetline@example.org>", when SMTP_URL is set',
      );
    }
  }
  if (from !== null && /[\r\n]/.test(from)) {
    throw new ConfigError('SMTP_FROM must be one line');
  }
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl)) {
    throw new ConfigError(
      `PUBLIC_URL must be an http:// or https:// address such as https://targetline.example.org, not "${publicUrl}"`,
    );
  }
  return {
    smtpUrl,
    from,
    publicUrl,
    intervalSeconds: parseWhole(
      'REMINDER_INTERVAL_SECONDS',
      env.REMINDER_INTERVAL_SECONDS,
      60,
      0,
      24 * 3600,
    ),
  };
}

/** Reads and checks the environment once, at start-up; a bad value stops the server with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const isProduction = env.NODE_ENV === 'production';
  const hasDemoData = parseSwitch('TARGETLINE_DEMO_DATA', env.TARGETLINE_DEMO_DATA, true);
  const scryptLog2N = parseWhole(
    'TARGETLINE_SCRYPT_LOG2N',
    env.TARGETLINE_SCRYPT_LOG2N,
    PRODUCTION_LOG2N,
    10,
    20,
  );
  if (isProduction && scryptLog2N < PRODUCTION_LOG2N) {
    throw new ConfigError(
      `TARGETLINE_SCRYPT_LOG2N below ${PRODUCTION_LOG2N} weakens password hashing and is refused in production`,
    );
  }
  return {
    port: parsePort(env.PORT),
    // In production the server sits behind a reverse proxy on the same machine: loopback
    // unless HOST says otherwise (HOST=0.0.0.0 listens on every interface).
    host: env.HOST || (isProduction ? '127.0.0.1' : '0.0.0.0'),
    databasePath: resolve(ROOT_DIR, env.DATABASE_PATH || 'data/targetline.db'),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databasePoolSize: parseWhole('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 100),
    isProduction,
    webDistDir: isProduction ? resolve(ROOT_DIR, 'apps/web/dist') : null,
    demoDataPath: hasDemoData ? resolve(ROOT_DIR, 'data/demo-organisation.json') : null,
    hasDemoAccounts: parseSwitch('TARGETLINE_DEMO_ACCOUNTS', env.TARGETLINE_DEMO_ACCOUNTS, true),
    summaryWorker: parseSwitch('TARGETLINE_SUMMARY_WORKER', env.TARGETLINE_SUMMARY_WORKER, true),
    auth: {
      scryptLog2N,
      idleMinutes: parseWhole('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 60, 1, 24 * 60),
      absoluteHours: parseWhole(
        'SESSION_ABSOLUTE_HOURS',
        env.SESSION_ABSOLUTE_HOURS,
        12,
        1,
        24 * 30,
      ),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    },
    mail: parseMail(env),
  };
}
