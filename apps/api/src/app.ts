import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Repository, UnitRecord } from '@targetline/db';
import Fastify, { type FastifySchema, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { type AuthSettings, DEFAULT_AUTH, MAIL_OFF, type MailSettings } from './config';
import { createMailer, type Mailer } from './notify/mailer';
import { type ReminderRun, runReminders, startSchedule } from './notify/reminders';
import { authPlugin, publicRoutes } from './plugins/auth';
import { registerErrorHandling } from './plugins/errors';
import { createLazyCompiler } from './plugins/lazy-compile';
import { databaseRateLimitStore } from './plugins/rate-limit-store';
import { refuseOddTargets, rewriteUrl } from './plugins/request-target';
import { registerValidation } from './plugins/validation';
import { auditRoutes } from './routes/audit';
import { directionRoutes } from './routes/directions';
import { exportRoutes } from './routes/export';
import { figureRoutes } from './routes/figures';
import { importRoutes } from './routes/import';
import { lockRoutes } from './routes/locks';
import { notificationRoutes } from './routes/notifications';
import { readRoutes } from './routes/read';
import { reportRoutes } from './routes/reports';
import { reviewRoutes } from './routes/reviews';
import { sessionRoutes } from './routes/session';
import { settingsRoutes } from './routes/settings';
import type { BuildSummary } from './routes/summary-builder';
import { unitRoutes } from './routes/units';
import { userRoutes } from './routes/users';
import { writeRoutes } from './routes/write';

// Passwords and session cookies never reach the logs.
const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.body.password'];

declare module 'fastify' {
  interface FastifyInstance {
    repository: Repository;
    /** The unit tree, read once per data version: every write checks rights against it. */
    units: () => Promise<UnitRecord[]>;
    /** Every route, as registered: walked by the access tests so that a new route is covered. */
    routeTable: () => readonly RouteEntry[];
    /** Compiles every route's validators and serializers now, not on first use (tests). */
    compileSchemas: () => number;
    /** One run of the reminders and the outbox now (the schedule calls it too). */
    runReminders: () => Promise<ReminderRun>;
  }
}

export type RouteEntry = {
  method: string;
  url: string;
  isPublic: boolean;
  /** What the route validates and answers: its entry of the contract's route map. */
  schema: FastifySchema | undefined;
};

export type BuildAppOptions = {
  repository: Repository;
  /** Directory of the built web app to serve at /; null serves only the API. */
  webDistDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  auth?: Partial<AuthSettings>;
  /** Clock for sessions, reminders and lateness; tests move it. */
  now?: () => Date;
  /** SMTP and the reminders' schedule; off by default (no mail, no timer). */
  mail?: MailSettings;
  /** Stands in for the SMTP mailer (tests); default: the one SMTP_URL describes, if any. */
  mailer?: Mailer | null;
  /**
   * Builds the dashboard's summary off the event loop (`createSummaryWorker`, the server's);
   * absent, the route builds it in its own thread.
   */
  buildSummary?: BuildSummary;
};

/** Trusts the `hops` proxies nearest the server, and no address a client wrote before them. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Builds the whole app without listening, so tests can call `inject()` on it. */
export async function buildApp({
  repository,
  webDistDir = null,
  logger = false,
  auth = {},
  now = () => new Date(),
  mail = MAIL_OFF,
  mailer = createMailer(mail),
  buildSummary,
}: BuildAppOptions) {
  const settings: AuthSettings = { ...DEFAULT_AUTH, ...auth };
  const compiler = createLazyCompiler();
  const app = Fastify({
    schemaController: { compilersFactory: { buildSerializer: compiler.buildSerializer } },
    logger:
      logger === false ? false : { ...(typeof logger === 'object' ? logger : {}), redact: REDACT },
    // A number of hops is given to Fastify as the function it stands for (its types take no number).
    trustProxy:
      typeof settings.trustProxy === 'number'
        ? trustHops(settings.trustProxy)
        : settings.trustProxy,
    rewriteUrl,
    // A year of figures for a large organisation is far below this; anything bigger is abuse.
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The route options themselves are kept: a scope's own onRoute hook (publicRoutes) runs
  // after this one and may still mark them public.
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('routeTable', () =>
    routes.flatMap((route) =>
      [route.method].flat().map((method) => ({
        method,
        url: route.url,
        isPublic: route.config?.isPublic === true,
        schema: route.schema,
      })),
    ),
  );

  app.decorate('repository', repository);
  let unitsAt: { version: string; units: Promise<UnitRecord[]> } | null = null;
  app.decorate('units', async () => {
    // Not the data version: every figure write moves that, and the tree would be read again
    // after each one.
    const version = await repository.unitsVersion();
    if (unitsAt?.version !== version) {
      const units = repository.listUnits();
      unitsAt = { version, units };
      // A failed read is not kept: the next request reads again.
      units.catch(() => {
        if (unitsAt?.units === units) unitsAt = null;
      });
    }
    return unitsAt.units;
  });
  app.decorate('runReminders', async () =>
    runReminders({ repository, units: await app.units(), mailer, now: now() }),
  );
  // Every process runs the job: the database's claims make each reminder and mail go out once.
  const schedule =
    mail.intervalSeconds > 0
      ? startSchedule({
          intervalMs: mail.intervalSeconds * 1000,
          run: () => app.runReminders(),
          onError: (error) => app.log.error({ err: error }, 'reminders and mail: run failed'),
        })
      : null;
  app.addHook('onClose', async () => {
    await schedule?.stop();
    mailer?.close();
    await repository.close();
  });

  app.decorate('compileSchemas', compiler.compileAll);
  registerValidation(app, compiler);
  registerErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Recharts and the Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Sent below only over HTTPS: over plain HTTP a browser ignores it (RFC 6797 §8.1).
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Targetline API',
        description:
          'Revenue against the annual plan, per unit and quarter. Amounts are integer đồng (VND); ratios such as 0.0722 mean 7.22% and are null where the plan or target is 0 or missing.',
        version: '0.1.0',
      },
      tags: [
        { name: 'figures', description: 'Plans, targets, actuals and their summary' },
        { name: 'units', description: 'The unit tree' },
        { name: 'system', description: 'Health' },
      ],
    },
  });
  // The documentation is public (it holds no data); everything else is registered private.
  await app.register(async (docs) => {
    publicRoutes(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  await app.register(rateLimit, {
    global: false,
    // Shared counters when the engine has them (PostgreSQL, several processes); otherwise in
    // this process's memory, which is the whole picture for one SQLite process.
    ...(repository.hitRateLimit && {
      store: databaseRateLimitStore(repository.hitRateLimit.bind(repository)),
    }),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many attempts; try again in ${context.after}`), {
        statusCode: 429,
      }),
  });
  await app.register(authPlugin, { settings, now });
  refuseOddTargets(app);

  await app.register(readRoutes, { prefix: '/api', ...(buildSummary && { buildSummary }) });
  await app.register(sessionRoutes, { prefix: '/api', scryptLog2N: settings.scryptLog2N });
  await app.register(figureRoutes, { prefix: '/api' });
  await app.register(writeRoutes, { prefix: '/api' });
  await app.register(lockRoutes, { prefix: '/api' });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(userRoutes, { prefix: '/api', scryptLog2N: settings.scryptLog2N });
  await app.register(unitRoutes, { prefix: '/api' });
  await app.register(exportRoutes, { prefix: '/api' });
  await app.register(importRoutes, { prefix: '/api' });
  await app.register(settingsRoutes, { prefix: '/api' });
  await app.register(reviewRoutes, { prefix: '/api', now });
  await app.register(reportRoutes, { prefix: '/api' });
  await app.register(directionRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });

  const indexHtml =
    webDistDir !== null && existsSync(join(webDistDir, 'index.html'))
      ? readFileSync(join(webDistDir, 'index.html'))
      : null;
  if (webDistDir !== null && indexHtml !== null) {
    await app.register(async (web) => {
      publicRoutes(web);
      await web.register(fastifyStatic, { root: webDistDir, wildcard: false });
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET outside /api gets its index.html.
    if (indexHtml !== null && request.method === 'GET' && !request.url.startsWith('/api')) {
      // Read once at start-up; always revalidated, so a new build is picked up on reload.
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(indexHtml);
    }
    return reply
      .status(404)
      .send({ error: 'not_found', message: `No route ${request.method} ${request.url}` });
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
