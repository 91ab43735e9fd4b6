// The `pnpm targetline` command: user administration, backups and reminders without the web app.
import { createInterface } from 'node:readline/promises';
import { DbError, openRepository } from '@targetline/db';
import { CliError, type CliIo, FILE_COMMANDS, runCli, runFileCli } from './cli';
import { ConfigError, loadConfig, ROOT_DIR } from './config';

/** Reads a password without echoing it, or the first line of stdin when it is not a terminal. */
function terminalIo(fromStdin: boolean): CliIo {
  return {
    print: (line) => process.stdout.write(`${line}\n`),
    readPassword: async (prompt) => {
      const rl = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: !fromStdin,
      });
      if (fromStdin) {
        for await (const line of rl) {
          rl.close();
          return line;
        }
        return '';
      }
      const output = rl as unknown as { _writeToOutput: (s: string) => void };
      const write = output._writeToOutput.bind(rl);
      output._writeToOutput = (s: string) => write(s.startsWith(prompt) ? prompt : '');
      const answer = await rl.question(prompt);
      process.stdout.write('\n');
      rl.close();
      return answer;
    },
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const config = loadConfig();
  if (FILE_COMMANDS.includes(argv[0] ?? '')) {
    if (config.databaseUrl !== null && argv[0] !== 'migrate-data') {
      throw new CliError(
        `${argv[0]} copies the SQLite file (DATABASE_PATH); with DATABASE_URL set the data is in PostgreSQL: use pg_dump and pg_restore`,
      );
    }
    // A restore replaces the file: it must not be open here, nor migrated before the copy.
    await runFileCli(argv, {
      databasePath: config.databasePath,
      // pnpm runs the CLI in apps/api; file names are taken from the repository root, as
      // DATABASE_PATH is.
      cwd: ROOT_DIR,
      print: (line) => process.stdout.write(`${line}\n`),
    });
    return;
  }
  // User administration works on whichever engine the server uses.
  const repository = await openRepository({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.databasePath,
    maxConnections: config.databasePoolSize,
  });
  try {
    await runCli(argv, {
      repository,
      scryptLog2N: config.auth.scryptLog2N,
      io: terminalIo(argv.includes('--password-stdin')),
      mail: config.mail,
    });
  } finally {
    await repository.close();
  }
}

main().catch((err: unknown) => {
  const isForUser = err instanceof CliError || err instanceof ConfigError || err instanceof DbError;
  console.error(isForUser ? err.message : err);
  process.exit(1);
});
