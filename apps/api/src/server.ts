import { DatabaseFileError, openRepository } from '@targetline/db';
import { buildApp } from './app';
import { ConfigError, describeDatabase, loadConfig } from './config';
import { createSummaryWorker } from './routes/summary-builder';
import { seedDemo } from './seed';

async function main() {
  const config = loadConfig();
  // Opening the repository applies any pending migration before the first request.
  // DATABASE_URL=postgres://… selects PostgreSQL; otherwise the embedded SQLite file.
  const repository = await openRepository({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.databasePath,
    maxConnections: config.databasePoolSize,
  });
  if (config.demoDataPath) {
    await seedDemo(repository, config.demoDataPath, {
      hasAccounts: config.hasDemoAccounts,
      scryptLog2N: config.auth.scryptLog2N,
    });
  }
  // The summary is built in a thread of its own, with its own connection to the database.
  const summaryWorker = config.summaryWorker
    ? createSummaryWorker({
        databaseUrl: config.databaseUrl,
        sqlitePath: config.databasePath,
        maxConnections: 2,
      })
    : undefined;
  const app = await buildApp({
    repository,
    ...(summaryWorker && { buildSummary: summaryWorker.build }),
    auth: config.auth,
    webDistDir: config.webDistDir,
    logger: { level: config.isProduction ? 'info' : 'debug' },
    mail: config.mail,
  });

  // Finish the requests in flight and close the database cleanly on Ctrl-C or a stop, then
  // exit 0: a stop asked for is not a failure, and `pnpm start` reports none. The signal
  // often comes twice (Ctrl-C reaches the whole process group, and pnpm forwards it to its
  // script as well), so a repeat is ignored rather than left to kill the process mid-close.
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    app.log.info({ signal }, 'shutting down');
    // The builder thread last: requests in flight may be waiting for a summary.
    app
      .close()
      .then(() => summaryWorker?.close())
      .then(
        () => {
          app.log.info('stopped');
          process.exit(0);
        },
        (err: unknown) => {
          app.log.error({ err }, 'stopped with an error');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Targetline on http://localhost:${config.port} (${describeDatabase(config)})`);
  app.log.info(config.mail.smtpUrl === null ? 'Mail is off (no SMTP_URL)' : 'Mail is on');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
  else if (err instanceof DatabaseFileError) console.error(`Database error: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
