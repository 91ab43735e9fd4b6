import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EMAIL_PATTERN } from '@targetline/contract';
import { findHiddenCharacter, formatQuarter, type Quarter, type Role } from '@targetline/core';
import {
  BackupError,
  backupSqlite,
  DbError,
  isPostgresUrl,
  MigrateDataError,
  migrateData,
  type Repository,
  restoreSqlite,
} from '@targetline/db';
import { hashPassword } from './auth/password';
import { MAIL_OFF, type MailSettings, maskedUrl } from './config';
import { createMailer, renderMail } from './notify/mailer';
import { dueReminders, runReminders } from './notify/reminders';

const ROLES: readonly Role[] = ['admin', 'director', 'planner', 'unit_lead', 'viewer'];

export const USAGE = `Usage: pnpm targetline <command>

  user list
  user add <username> --name "<display name>" --role <admin|director|planner|unit_lead|viewer> [--unit <code>]... [--email <address>] [--locale vi|en] [--password-stdin]
  user passwd <username> [--password-stdin]
  user disable <username>
  user enable <username>
  backup <file>
  restore <file> --force
  migrate-data --from <sqlite file> --to <postgres url>
  remind [--dry-run]

Passwords are asked for on the terminal (not echoed), or read from the first line of
standard input with --password-stdin. The database is DATABASE_PATH (default data/targetline.db).

backup copies the database into a new file while the server keeps running. restore checks
the backup and puts it in place of the database: stop the server first; --force is needed
when the database exists, since it is replaced. A relative <file> is taken from the
repository root.

migrate-data copies an organisation from its SQLite file into an empty PostgreSQL database
(everything: units, users, plans and their revisions, actuals, the audit trail, locks,
settings), checks row counts and per-year totals, and writes nothing into a database that
holds any data. Stop the server on the SQLite file first; then start it with DATABASE_URL.

remind claims the reminders due now (N days before a round's deadline and on the day, to the
leads of units that have not submitted) and sends the mail waiting in the outbox (SMTP_URL),
as the server does every minute; each reminder goes out once, whoever sends it. --dry-run
lists what would be sent and changes nothing. --email gives a user the address their
notifications are mailed to, --locale the language of that mail (vi by default).`;

export class CliError extends Error {}

export type CliIo = {
  readPassword: (prompt: string) => Promise<string>;
  print: (line: string) => void;
};

export type CliContext = {
  repository: Repository;
  scryptLog2N: number;
  io: CliIo;
  /** SMTP, for `remind`; off by default. */
  mail?: MailSettings;
  now?: () => Date;
};

const ACTOR = 'cli';

/** Commands that work on the database file and must not open it as a repository first. */
export const FILE_COMMANDS: readonly string[] = ['backup', 'restore', 'migrate-data'];

export type FileCliContext = {
  databasePath: string;
  /** Relative file names are taken from here (the repository root, as for DATABASE_PATH). */
  cwd: string;
  print: (line: string) => void;
};

/**
 * Runs `backup <file>`, `restore <file> [--force]` or `migrate-data …`; throws CliError with a
 * message for the user.
 */
export async function runFileCli(argv: string[], { databasePath, cwd, print }: FileCliContext) {
  if (argv[0] === 'migrate-data') return runMigrateData(argv, { cwd, print });
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
  });
  const [command, file, ...rest] = positionals;
  if (!command || !FILE_COMMANDS.includes(command)) throw new CliError(USAGE);
  if (!file || rest.length > 0) throw new CliError(`${command} needs one file name\n\n${USAGE}`);
  const path = resolve(cwd, file);
  try {
    if (command === 'backup') {
      if (values.force) throw new CliError('backup never overwrites a file; choose a new name');
      const pages = await backupSqlite(databasePath, path);
      print(`Backed up ${databasePath} to ${path} (${pages} pages, integrity checked)`);
      return;
    }
    restoreSqlite({ backupPath: path, targetPath: databasePath, isForced: values.force === true });
    print(`Restored ${databasePath} from ${path}; start the server again`);
  } catch (err) {
    if (err instanceof BackupError) throw new CliError(err.message);
    throw err;
  }
}

/** `migrate-data --from <sqlite file> --to <postgres url>`: prints what was copied and checked. */
async function runMigrateData(
  argv: string[],
  { cwd, print }: Pick<FileCliContext, 'cwd' | 'print'>,
) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
  });
  if (positionals.length > 1 || !values.from || !values.to) {
    throw new CliError(
      `migrate-data needs --from <sqlite file> and --to <postgres url>\n\n${USAGE}`,
    );
  }
  if (!isPostgresUrl(values.to)) {
    throw new CliError('--to must be a postgres:// URL of the target database');
  }
  const from = resolve(cwd, values.from);
  try {
    const report = await migrateData({ fromSqlitePath: from, toUrl: values.to });
    print(`Copied ${from} to ${maskedUrl(values.to)}; checked before committing:`);
    for (const [table, count] of Object.entries(report.rows)) print(`  ${table}: ${count} rows`);
    for (const y of report.years) {
      print(
        `  ${y.year}: ${y.plans} plans, annual plan ${y.annualPlan} đồng; ${y.actuals} actuals, ${y.actualAmount} đồng`,
      );
    }
    print('Start the server with DATABASE_URL set to the target.');
  } catch (err) {
    if (err instanceof MigrateDataError) throw new CliError(err.message);
    throw err;
  }
}

/** The API's rule for names, here for what the CLI stores without passing through it. */
function refuseHidden(what: string, text: string) {
  const hidden = findHiddenCharacter(text);
  if (hidden) {
    throw new CliError(
      `The ${what} holds a hidden character (${hidden.label} at position ${hidden.index + 1}), such as a right-to-left override or a zero-width space; type it again without it`,
    );
  }
}

async function findUser(repository: Repository, username: string) {
  const user = await repository.findUserForLogin(username);
  if (!user) throw new CliError(`No user named ${username}`);
  return user;
}

async function newPassword(io: CliIo): Promise<string> {
  const password = await io.readPassword('New password (at least 8 characters): ');
  if (password.length < 8) throw new CliError('The password must have at least 8 characters');
  return password;
}

/** Runs one CLI command against a repository; throws CliError with a message for the user. */
export async function runCli(
  argv: string[],
  { repository, scryptLog2N, io, mail = MAIL_OFF, now = () => new Date() }: CliContext,
) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true },
      email: { type: 'string' },
      locale: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
  const [group, command, username] = positionals;
  if (group === 'remind' && !command) {
    await remind({ repository, io, mail, now: now(), isDryRun: values['dry-run'] === true });
    return;
  }
  if (group !== 'user' || !command) throw new CliError(USAGE);

  if (command === 'list') {
    for (const user of await repository.listUsers()) {
      io.print(
        `${user.username}\t${user.role}\t${user.isDisabled ? 'disabled' : 'active'}\t${user.displayName}`,
      );
    }
    return;
  }
  if (!username) throw new CliError(`user ${command} needs a username\n\n${USAGE}`);

  if (command === 'add') {
    const role = values.role as Role;
    if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.name) throw new CliError('--name "<display name>" is required');
    refuseHidden('username', username);
    refuseHidden('name', values.name);
    const units = await repository.listUnits();
    const unitIds = (values.unit ?? []).map((code) => {
      const unit = units.find((u) => u.code === code);
      if (!unit) throw new CliError(`No unit with code ${code}`);
      return unit.id;
    });
    if (role === 'unit_lead' && unitIds.length === 0) {
      throw new CliError('A unit lead needs at least one --unit <code>');
    }
    const email = values.email?.trim();
    if (email !== undefined && (email.length > 254 || !new RegExp(EMAIL_PATTERN).test(email))) {
      throw new CliError('--email must be an e-mail address such as name@example.com');
    }
    const locale = values.locale ?? 'vi';
    if (locale !== 'vi' && locale !== 'en') throw new CliError('--locale must be vi or en');
    const password = await newPassword(io);
    const user = await repository.createUser({
      username,
      displayName: values.name,
      role,
      unitIds,
      email: email ?? null,
      locale,
      passwordHash: await hashPassword(password, scryptLog2N),
      actor: ACTOR,
    });
    io.print(`Added ${user.username} (${user.role})`);
    return;
  }
  if (command === 'passwd') {
    const user = await findUser(repository, username);
    const password = await newPassword(io);
    await repository.updateUser({
      id: user.id,
      patch: { passwordHash: await hashPassword(password, scryptLog2N) },
      actor: ACTOR,
    });
    io.print(`Changed the password of ${user.username}; their sessions have ended`);
    return;
  }
  if (command === 'disable' || command === 'enable') {
    const user = await findUser(repository, username);
    const isDisabled = command === 'disable';
    try {
      await repository.updateUser({ id: user.id, patch: { isDisabled }, actor: ACTOR });
    } catch (err) {
      if (err instanceof DbError && err.reason === 'last_admin') {
        throw new CliError(
          `Not disabled: ${err.message} For example: pnpm targetline user add <username> --name "<display name>" --role admin`,
        );
      }
      throw err;
    }
    io.print(
      isDisabled
        ? `Disabled ${user.username}; their sessions have ended`
        : `Enabled ${user.username}`,
    );
    return;
  }
  throw new CliError(`Unknown command: user ${command}\n\n${USAGE}`);
}

/** `remind [--dry-run]`: one run of the server's reminder job now, or the list of what it would send. */
async function remind({
  repository,
  io,
  mail,
  now,
  isDryRun,
}: {
  repository: Repository;
  io: CliIo;
  mail: MailSettings;
  now: Date;
  isDryRun: boolean;
}) {
  const units = await repository.listUnits();
  if (isDryRun) {
    const due = await repository.unclaimedReminders(await dueReminders({ repository, units, now }));
    const users = await repository.listUsers();
    for (const claim of due) {
      const user = users.find((u) => u.id === claim.userId);
      const unit = units.find((u) => u.id === claim.unitId);
      const to = user?.email ? `<${user.email}> (${user.locale})` : '(no e-mail: in the app only)';
      const { subject } = renderMail(
        {
          id: 0,
          attempts: 0,
          to: user?.email ?? '',
          locale: user?.locale ?? 'vi',
          displayName: user?.displayName ?? '',
          notification: {
            id: 0,
            kind: 'deadline_near',
            createdAt: now.toISOString(),
            readAt: null,
            year: claim.year,
            quarter: claim.quarter,
            unitId: claim.unitId,
            unitCode: unit?.code ?? null,
            unitName: unit?.name ?? null,
            reason: null,
            deadline: claim.deadline,
            daysLeft: null,
          },
        },
        null,
      );
      io.print(
        `${formatQuarter(claim.quarter as Quarter, claim.year, 'en')}\t${unit?.code ?? claim.unitId}\t${claim.kind === 'due' ? 'deadline day' : 'before the deadline'}\t${user?.username ?? claim.userId} ${to}\t${subject}`,
      );
    }
    const pending = await repository.countPendingMail();
    io.print(
      `${due.length} reminder(s) due; ${pending} mail(s) already waiting in the outbox${mail.smtpUrl === null ? ' (mail is off: SMTP_URL is not set)' : ''}. Nothing was sent (--dry-run).`,
    );
    return;
  }
  const mailer = createMailer(mail);
  try {
    const run = await runReminders({ repository, units, mailer, now });
    io.print(
      `${run.claimed.length} reminder(s) claimed; ${
        run.mail === null
          ? 'mail is off (SMTP_URL is not set)'
          : `${run.mail.sent} mail(s) sent, ${run.mail.failed} to retry, ${run.mail.dropped} dropped`
      }`,
    );
  } finally {
    mailer?.close();
  }
}
