import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Basis, MAX_LISTED_ISSUES, routes } from '@targetline/contract';
import {
  canImport,
  type Locale,
  MAX_IMPORT_ROWS,
  QUARTERS,
  validateImportSheet,
} from '@targetline/core';
import { DbError, type Repository, type YearEntries } from '@targetline/db';
import { Compile } from 'typebox/compile';
import { toCsv } from '../export/csv';
import { TEMPLATE_COLUMNS } from '../export/entries-csv';
import { importRequestMessages } from '../import/messages';
import {
  type BasisEntry,
  figureKey,
  type ImportPlan,
  planImport,
  type TouchedFigure,
} from '../import/plan-import';
import {
  extensionOf,
  fileMessages,
  MAX_ARCHIVE_ENTRIES,
  MAX_UNPACKED_BYTES,
  readSheet,
  SheetError,
} from '../import/read-sheet';
import { userOf } from '../plugins/auth';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/**
 * The "basis" field: one entry per figure of the file, about 75 bytes each, so 100,000 rows
 * of distinct figures need about 7.5 MB.
 */
export const MAX_BASIS_BYTES = 10 * 1024 * 1024;
const basisCheck = Compile(Basis);

/** The rows behind the figures whose version is not the basis's, in the order of the file. */
function movedRows(figures: TouchedFigure[], basis: ReadonlyMap<string, number>) {
  return figures
    .filter((f) => basis.get(figureKey(f)) !== f.version)
    .flatMap((f) => f.rows)
    .sort((a, b) => a.row - b.row);
}

/** The figures as they stand now, read for planning. */
async function readFigures(repository: Repository, years: number[]) {
  const [units, locks, entries, reports] = await Promise.all([
    repository.listUnits(),
    repository.listLocks(),
    Promise.all(years.map(async (y) => [y, await repository.getYearEntries(y)] as const)),
    Promise.all(years.flatMap((y) => QUARTERS.map((q) => repository.listReports(y, q)))),
  ]);
  const submitted = new Set(
    reports
      .flat()
      .filter((r) => r.state === 'submitted')
      .map((r) => `${r.unitId}|${r.year}|${r.quarter}`),
  );
  return { units, locks, entries: new Map<number, YearEntries>(entries), submitted };
}

/**
 * The "basis" text field of an apply, parsed: null with the refusal when it is missing,
 * too large or not a basis.
 */
function parseBasis(
  field: { value?: unknown; valueTruncated?: boolean } | undefined,
  m: ReturnType<typeof importRequestMessages>,
):
  | { basis: Map<string, number> }
  | { status: 400 | 428; error: string; message: string; field: 'basis' } {
  if (field === undefined) {
    return {
      status: 428,
      error: 'precondition_required',
      message: m.basisRequired,
      field: 'basis',
    };
  }
  const refuse = (message: string) =>
    ({ status: 400, error: 'bad_request', message, field: 'basis' }) as const;
  if (field.valueTruncated) return refuse(m.basisTooLarge(MAX_BASIS_BYTES / 1024 / 1024));
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(field.value));
  } catch {
    return refuse(m.basisInvalid('JSON'));
  }
  if (!basisCheck.Check(parsed)) {
    const [first] = basisCheck.Errors(parsed);
    return refuse(m.basisInvalid(`basis${first?.instancePath ?? ''}`));
  }
  const basis = new Map<string, number>();
  for (const [i, entry] of (parsed as BasisEntry[]).entries()) {
    const key = figureKey(entry);
    if (basis.has(key) || (entry.kind === 'plan') !== (entry.quarter === null)) {
      return refuse(m.basisInvalid(`basis/${i}`));
    }
    basis.set(key, entry.version);
  }
  return { basis };
}

/** A write of the import with the basis's version as the one it expects (never unchecked). */
const withVersion =
  (basis: ReadonlyMap<string, number>, kind: 'plan' | 'actual') =>
  <T extends { unitId: number; year: number; quarter?: number; expectedVersion?: number }>(
    input: T,
  ): T => {
    const key = figureKey({
      kind,
      unitId: input.unitId,
      year: input.year,
      quarter: input.quarter ?? null,
    });
    const expectedVersion = basis.get(key);
    // Checked against the file's figures just before; a gap here is a bug, not a skip.
    if (expectedVersion === undefined) throw new Error(`the basis has no version for ${key}`);
    return { ...input, expectedVersion };
  };

/** Plans, targets and actuals from the spreadsheets units already keep: dry run first, then all or nothing. */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, {
    // The apply's "basis" text field, then the file: nothing else.
    limits: {
      fileSize: MAX_IMPORT_BYTES,
      files: 1,
      fields: 1,
      fieldSize: MAX_BASIS_BYTES,
      parts: 2,
    },
  });

  app.get(
    '/import/template.csv',
    {
      schema: {
        tags: ['import'],
        summary:
          'The import template: unit_code, year, quarter (empty for a plan), type (plan, target, actual), amount, unit_name',
        ...routes['GET /import/template.csv'],
      },
    },
    async (_request, reply) => {
      const units = await app.repository.listUnits();
      const example = units.find((u) => u.parentId !== null) ?? units[0];
      const code = example?.code ?? 'UNIT';
      const name = example?.name ?? '';
      const year = new Date().getFullYear();
      const body = toCsv(
        [...TEMPLATE_COLUMNS],
        [
          [code, year, null, 'plan', 30_000_000_000, name],
          [code, year, 1, 'target', '5 tỷ', name],
          [code, year, 1, 'actual', '4.250.000.000', name],
        ],
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="targetline-template.csv"')
        .send(body);
    },
  );

  app.post(
    '/import',
    {
      schema: {
        tags: ['import'],
        summary: `Import an .xlsx or .csv in the template layout (admins, directors, unit leads): multipart field "file", at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB and ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows below the header; an .xlsx may unpack to at most ${MAX_UNPACKED_BYTES / 1024 / 1024} MB in at most ${MAX_ARCHIVE_ENTRIES.toLocaleString('en-US')} parts. mode=dry-run lists the problems (the first ${MAX_LISTED_ISSUES}, with issueCount) and the changes, and returns the basis: the version of every figure the file touches. mode=apply must send that basis back as the multipart text field "basis" (JSON) before the file: without it 428, and if any of those figures changed since (or the basis is not the file's) 409 with the rows that moved; otherwise it writes every change in one transaction, or nothing.`,
        ...routes['POST /import'],
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const locale = (request.query.lang ?? 'vi') as Locale;
      const m = importRequestMessages(locale);
      // Refused before the file is read: reading and unpacking it is work only a writer needs.
      if (!canImport(user)) {
        return reply.status(403).send({ error: 'forbidden', message: m.mayNotImport });
      }
      if (!request.isMultipart()) {
        return reply.status(415).send({
          error: 'unsupported_media_type',
          message: m.notMultipart,
          field: 'file',
        });
      }
      const isApply = request.query.mode === 'apply';
      const part = await request.file();
      if (!part) throw new SheetError(fileMessages(locale).noFile);
      const data = await part.toBuffer();
      const fields = part.fields as Record<string, { value?: unknown; valueTruncated?: boolean }>;
      const unknown = Object.keys(fields).find(
        (name) => name !== 'basis' && name !== part.fieldname,
      );
      if (unknown !== undefined) {
        return reply
          .status(400)
          .send({ error: 'bad_request', message: m.unknownField(unknown), field: unknown });
      }
      let basis: Map<string, number> | null = null;
      if (isApply) {
        const parsed = parseBasis(fields.basis, m);
        if ('status' in parsed) {
          const { status, ...body } = parsed;
          return reply.status(status).send(body);
        }
        basis = parsed.basis;
      }
      // The name is shown back and kept in the audit comment, never used as a path.
      const fileName =
        (part.filename.split(/[\\/]/).pop() ?? '')
          .replace(/[^\p{L}\p{N} ._()-]/gu, '')
          .slice(0, 120) || `upload.${extensionOf(part.filename)}`;
      const sheet = await readSheet(part.filename, data, locale);
      const validated = validateImportSheet({ ...sheet, locale });
      const years = [...new Set(validated.rows.map((r) => r.year))];
      const makePlan = async (): Promise<ImportPlan> =>
        planImport({
          rows: validated.rows,
          ...(await readFigures(app.repository, years)),
          user,
          actor: user.username,
          comment: `import: ${fileName}`,
          locale,
        });
      const plan = await makePlan();
      const issues = [...validated.issues, ...plan.issues];
      const listed = {
        issues: issues.slice(0, MAX_LISTED_ISSUES),
        issueCount: issues.length,
      };
      const result = {
        mode: request.query.mode,
        isApplied: false,
        fileName,
        ...listed,
        changes: plan.changes,
        unchanged: plan.unchanged,
        basis: plan.figures.map(({ rows: _rows, ...figure }) => figure),
      };
      if (!basis) return result;
      if (issues.length > 0) {
        const isForbidden = plan.forbiddenRows.length > 0;
        return reply.status(isForbidden ? 403 : 400).send({
          error: isForbidden ? 'forbidden' : 'import_invalid',
          message: isForbidden ? m.forbiddenRows(plan.forbiddenRows) : m.invalid(issues.length),
          field: 'file',
          ...listed,
        });
      }
      const conflict = (moved: ReturnType<typeof movedRows>, isMismatch: boolean) =>
        reply.status(409).send({
          error: 'conflict',
          field: 'basis',
          message:
            moved.length > 0
              ? m.moved([...new Set(moved.map((r) => r.row))])
              : isMismatch
                ? m.basisMismatch
                : m.changedMeanwhile,
          moved,
        });
      // The basis must name exactly the file's figures, each at the version it has now.
      const moved = movedRows(plan.figures, basis);
      const isMismatch =
        basis.size !== plan.figures.length || plan.figures.some((f) => !basis.has(figureKey(f)));
      if (moved.length > 0 || isMismatch) return conflict(moved, isMismatch);
      try {
        // The basis's versions are checked again under the transaction's row locks: a
        // correction saved since the read above is a conflict too, not overwritten.
        await app.repository.applyImport({
          plans: plan.plans.map(withVersion(basis, 'plan')),
          actuals: plan.actuals.map(withVersion(basis, 'actual')),
        });
      } catch (err) {
        if (!(err instanceof DbError) || err.code !== 'CONFLICT') throw err;
        // Read again, after the write that won: the rows it moved.
        return conflict(movedRows((await makePlan()).figures, basis), false);
      }
      return { ...result, isApplied: true };
    },
  );
};
