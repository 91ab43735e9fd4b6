import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canImport, type Locale, validateImportSheet } from '@targetline/core';
import type { YearEntries } from '@targetline/db';
import { Type } from 'typebox';
import { toCsv } from '../export/csv';
import { TEMPLATE_COLUMNS } from '../export/entries-csv';
import { planImport } from '../import/plan-import';
import { extensionOf, fileMessages, readSheet, SheetError } from '../import/read-sheet';
import { assertAllowed, userOf } from '../plugins/auth';
import { ErrorBody, writeErrorResponses } from '../schemas/common';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const Issue = Type.Object({ row: Type.Integer(), column: Type.String(), reason: Type.String() });
const Change = Type.Object({
  row: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  old: Type.Union([Type.Integer(), Type.Null()]),
  new: Type.Integer(),
});
const ImportResult = Type.Object({
  mode: Type.Union([Type.Literal('dry-run'), Type.Literal('apply')]),
  isApplied: Type.Boolean(),
  fileName: Type.String(),
  issues: Type.Array(Issue),
  changes: Type.Array(Change),
  unchanged: Type.Integer(),
});

/** Plans, targets and actuals from the spreadsheets units already keep: dry run first, then all or nothing. */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0, parts: 1 },
  });

  app.get(
    '/import/template.csv',
    {
      schema: {
        tags: ['import'],
        summary:
          'The import template: unit_code, year, quarter (empty for a plan), type (plan, target, actual), amount, unit_name',
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
          ...writeErrorResponses,
        },
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
        summary:
          'Import an .xlsx or .csv in the template layout (multipart field "file", at most 10 MB). mode=dry-run lists the problems and the changes; mode=apply writes them all in one transaction, or nothing.',
        querystring: Type.Object(
          {
            mode: Type.Union([Type.Literal('dry-run'), Type.Literal('apply')]),
            lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: {
          ...writeErrorResponses,
          200: ImportResult,
          400: Type.Object({ ...ErrorBody.properties, issues: Type.Optional(Type.Array(Issue)) }),
          403: Type.Object({ ...ErrorBody.properties, issues: Type.Optional(Type.Array(Issue)) }),
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      // Reading a file costs memory and time: only for those who may write a figure at all.
      assertAllowed(canImport(user), 'Only admins, directors and unit leads import figures');
      if (!request.isMultipart()) {
        return reply.status(415).send({
          error: 'unsupported_media_type',
          message: 'Send the file as multipart/form-data in a field named "file"',
          field: 'file',
        });
      }
      const locale = (request.query.lang ?? 'vi') as Locale;
      const part = await request.file();
      if (!part) throw new SheetError(fileMessages(locale).noFile);
      const data = await part.toBuffer();
      // The name is shown back and kept in the audit comment, never used as a path.
      const fileName =
        (part.filename.split(/[\\/]/).pop() ?? '')
          .replace(/[^\p{L}\p{N} ._()-]/gu, '')
          .slice(0, 120) || `upload.${extensionOf(part.filename)}`;
      const sheet = await readSheet(part.filename, data, locale);
      const validated = validateImportSheet({ ...sheet, locale });

      const [units, locks] = await Promise.all([
        app.repository.listUnits(),
        app.repository.listLocks(),
      ]);
      const years = [...new Set(validated.rows.map((r) => r.year))];
      const entries = new Map<number, YearEntries>(
        await Promise.all(
          years.map(async (y) => [y, await app.repository.getYearEntries(y)] as const),
        ),
      );
      const plan = planImport({
        rows: validated.rows,
        units,
        entries,
        locks,
        user,
        actor: user.username,
        comment: `import: ${fileName}`,
        locale,
      });
      const issues = [...validated.issues, ...plan.issues];
      const result = {
        mode: request.query.mode,
        isApplied: false,
        fileName,
        issues,
        changes: plan.changes,
        unchanged: plan.unchanged,
      };
      if (request.query.mode === 'dry-run') return result;
      if (issues.length > 0) {
        const isForbidden = plan.forbiddenRows.length > 0;
        return reply.status(isForbidden ? 403 : 400).send({
          error: isForbidden ? 'forbidden' : 'import_invalid',
          message: isForbidden
            ? `The file has figures you may not change (rows ${plan.forbiddenRows.join(', ')}); nothing was imported`
            : `The file has ${issues.length} problem(s); nothing was imported`,
          field: 'file',
          issues,
        });
      }
      await app.repository.applyImport({ plans: plan.plans, actuals: plan.actuals });
      return { ...result, isApplied: true };
    },
  );
};
