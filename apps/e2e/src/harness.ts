import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@targetline/api/app';
import { ROOT_DIR } from '@targetline/api/config';
import { DEMO_PASSWORD, seedDemo } from '@targetline/api/seed';
import { type ReceivedMail, startSmtp } from '@targetline/api/smtp-test-server';
import { createSqliteRepository } from '@targetline/db';
import type { AxeResults } from 'axe-core';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

const WEB_DIST = join(ROOT_DIR, 'apps/web/dist');
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Debian's Chromium, as .ci/run installs it; no browser download. */
function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH)');
  }
}

export type ContextOptions = {
  /** The browser's language, which the app starts in: 'vi-VN' (default) or 'en-GB'. */
  locale?: string;
  viewport?: { width: number; height: number };
  /**
   * Lets `seriousA11yViolations` inject axe-core: the app's CSP (script-src 'self') refuses
   * an injected script, as it should refuse any other.
   */
  isAxeAllowed?: boolean;
  /**
   * Turns the CSP off, so that a test of escaping proves escaping: with the CSP on, markup
   * that slipped through would still be kept from running, and the test could not fail.
   */
  isCspBypassed?: boolean;
};

export type LogInOptions = ContextOptions & {
  /** Type the username and password into the log-in form, instead of posting them to the API. */
  isViaForm?: boolean;
  /**
   * The page to open, as the address names it ('/my-unit'); the landing page by default (the
   * dashboard, a unit lead's report), which is waited for until it is drawn. For another page the caller waits for what it needs.
   */
  landing?: string;
};

export type Harness = {
  baseUrl: string;
  /** A fresh context (own cookies and storage) on the log-in page. */
  openLogIn: (options?: ContextOptions) => Promise<Page>;
  /** A fresh context with a session of its own, on the dashboard with its chart drawn. */
  logIn: (username: string, options?: LogInOptions) => Promise<Page>;
  close: () => Promise<void>;
  /** The mail the app sent to the loopback SMTP server (with `isMailOn` only). */
  mails: () => readonly ReceivedMail[];
  /** Runs the reminders and the outbox now, as the schedule would, at `at` (default: now). */
  runReminders: (at?: Date) => Promise<void>;
};

export type HarnessOptions = {
  /** A real SMTP server on loopback receives the app's mail; the reminders run on demand. */
  isMailOn?: boolean;
};

/**
 * The production web build served by the real API on a temporary SQLite database seeded
 * with the demo organisation and its accounts, and one headless Chromium. One per test
 * file: each file starts from the untouched demo, whatever another file wrote.
 */
export async function startHarness({ isMailOn = false }: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The web app is not built: run `pnpm build` first (`pnpm test` does)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'targetline-e2e-'));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let browser: Browser | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  // The app's clock: the reminders are due on days of the demo's 2023 rounds.
  let clock: Date | null = null;
  const close = async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const repository = createSqliteRepository({ path: join(dir, 'e2e.db') });
    await seedDemo(repository, join(ROOT_DIR, 'data/demo-organisation.json'), {
      hasAccounts: true,
      scryptLog2N: 10,
    });
    smtp = isMailOn ? await startSmtp() : undefined;
    app = await buildApp({
      repository,
      webDistDir: WEB_DIST,
      auth: { scryptLog2N: 10 },
      now: () => clock ?? new Date(),
      ...(smtp && {
        mail: {
          smtpUrl: smtp.url,
          from: 'Targetline <targetline@vimsat.test>',
          publicUrl: null,
          intervalSeconds: 0,
        },
      }),
    });
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const launched = browser;

    const newPage = async ({
      locale = 'vi-VN',
      viewport = { width: 1366, height: 768 },
      isAxeAllowed = false,
      isCspBypassed = false,
    }: ContextOptions) => {
      const options: BrowserContextOptions = {
        baseURL: baseUrl,
        viewport,
        locale,
        acceptDownloads: true,
        bypassCSP: isAxeAllowed || isCspBypassed,
      };
      const context = await launched.newContext(options);
      // A missing element fails the test in seconds, with the locator named, not at its timeout.
      context.setDefaultTimeout(15_000);
      return context.newPage();
    };

    const openLogIn = async (options: ContextOptions = {}) => {
      const page = await newPage(options);
      await page.goto('/');
      await page.locator('input[autocomplete="username"]').waitFor();
      return page;
    };

    const logIn = async (
      username: string,
      { isViaForm = false, landing = '/', ...options }: LogInOptions = {},
    ) => {
      let page: Page;
      if (isViaForm) {
        page = await openLogIn(options);
        await page.locator('input[autocomplete="username"]').fill(username);
        await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
        await page.locator('form button[type="submit"]').click();
      } else {
        // The session cookie lands in the context's jar, as the form's request would put it:
        // one page load less per test on a busy machine.
        page = await newPage(options);
        const response = await page.request.post('/api/session', {
          data: { username, password: DEMO_PASSWORD },
        });
        if (!response.ok()) {
          throw new Error(`log-in as ${username}: ${response.status()} ${await response.text()}`);
        }
        await page.goto(landing);
      }
      const { pathname, hash } = new URL(landing, baseUrl);
      if (pathname === '/' && hash === '') {
        // The dashboard with its chart drawn, or for a unit lead the report they land on.
        await page
          .locator('[data-chart="achievement"] svg.recharts-surface, .report h2')
          .first()
          .waitFor();
      }
      return page;
    };

    const built = app;
    const runReminders = async (at?: Date) => {
      clock = at ?? null;
      try {
        await built.runReminders();
      } finally {
        clock = null;
      }
    };
    return { baseUrl, openLogIn, logIn, close, mails: () => smtp?.received ?? [], runReminders };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations,
 * one line per rule with the selectors of the offending elements. The page's context must
 * have been opened with `isAxeAllowed`.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } };
    const results = (await axe.run(document, { resultTypes: ['violations'] })) as AxeResults;
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.rule} (${violation.impact}: ${violation.help}) at ${violation.targets.join(', ')}`,
    );
}

/** The names of the entries of a zip file (xlsx, pptx), from its central directory. */
export function zipEntryNames(zip: Buffer): string[] {
  // The end-of-central-directory record: signature PK\5\6, within the last 64 KiB + 22 bytes.
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error('broken zip central directory');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
