import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever directory the process was started from. */
export const ROOT_DIR = resolve(fileURLToPath(import.meta.url), '../../../..');

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  isProduction: boolean;
  /** Built web app to serve at /, or null to serve the API only. */
  webDistDir: string | null;
  /** JSON file of the demo organisation loaded into an empty database, or null for none. */
  demoDataPath: string | null;
};

export class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

/** Reads and checks the environment once, at start-up; a bad value stops the server with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const isProduction = env.NODE_ENV === 'production';
  const seed = env.TARGETLINE_DEMO_DATA ?? 'on';
  if (seed !== 'on' && seed !== 'off') {
    throw new ConfigError(`TARGETLINE_DEMO_DATA must be "on" or "off", not "${seed}"`);
  }
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    databasePath: resolve(ROOT_DIR, env.DATABASE_PATH || 'data/targetline.db'),
    isProduction,
    webDistDir: isProduction ? resolve(ROOT_DIR, 'apps/web/dist') : null,
    demoDataPath: seed === 'on' ? resolve(ROOT_DIR, 'data/demo-organisation.json') : null,
  };
}
