import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { routes } from '@targetline/contract';
import {
  buildYearSummary,
  type Locale,
  meetingOrder,
  type Quarter,
  reportingUnitIds,
} from '@targetline/core';
import type { FastifyReply } from 'fastify';
import { toCsv } from '../export/csv';
import { buildEntriesCsv } from '../export/entries-csv';
import type { ReviewDirection } from '../export/review-docx';
import { buildSummaryTable } from '../export/summary-table';
import { loadSummary } from './load-summary';

// The office files' builders (xlsx, pptx, docx) are imported by their routes on first use: with
// exceljs, pptxgenjs, docx and resvg they took a third of a second of every server start.
const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

function attach(reply: FastifyReply, name: string, type: keyof typeof MIME, body: Buffer) {
  return reply
    .header('content-type', MIME[type])
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

/** Spreadsheets, the meeting deck and its Word report, generated on the server from the same summary as the dashboard. */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const load = async (year: number) => {
    const [units, entries] = await Promise.all([
      app.repository.listUnits(),
      app.repository.getYearEntries(year),
    ]);
    const summary = buildYearSummary({
      year,
      units,
      plans: entries.plans,
      actuals: entries.actuals,
    });
    return { units, entries, summary, organisation: summary.units[0]?.name ?? 'Targetline' };
  };

  /**
   * What the review's exports tell (the deck and the Word report): the summary with its
   * analysis as the dashboard has it, the units' reports, the directions given at the
   * quarter's meeting, and the reporting units in the meeting's order.
   */
  const loadReview = async (year: number, quarter: Quarter) => {
    const [summary, reports, directions, units, entries] = await Promise.all([
      loadSummary(app.repository, year, quarter),
      app.repository.listReports(year, quarter),
      app.repository.listDirections({ year, quarter }),
      app.repository.listUnits(),
      app.repository.getYearEntries(year),
    ]);
    const unitName = new Map(summary.units.map((unit) => [unit.unitId, unit.name]));
    return {
      summary,
      reports,
      organisation: summary.units[0]?.name ?? 'Targetline',
      reportingUnitIds: meetingOrder(units, reportingUnitIds({ units, plans: entries.plans })).map(
        (unit) => unit.id,
      ),
      // The directions given at this quarter's meeting (kết luận chỉ đạo).
      directions: directions.map(
        (direction): ReviewDirection => ({
          unitName: direction.unitId === null ? null : (unitName.get(direction.unitId) ?? null),
          text: direction.text,
          dueQuarter: direction.dueQuarter,
          dueYear: direction.dueYear,
          status: direction.status,
        }),
      ),
    };
  };

  app.get(
    '/export/summary.xlsx',
    {
      schema: {
        tags: ['export'],
        summary: 'The summary as an Excel workbook, one sheet per year (repeat year= for several)',
        ...routes['GET /export/summary.xlsx'],
      },
    },
    async (request, reply) => {
      const years = [...new Set(request.query.year)].sort();
      const loaded = await Promise.all(years.map(load));
      const organisation = loaded[0]?.organisation ?? 'Targetline';
      const { buildSummaryWorkbook } = await import('../export/xlsx');
      const body = await buildSummaryWorkbook(
        loaded.map((l) => l.summary),
        (request.query.lang ?? 'vi') as Locale,
        organisation,
      );
      return attach(reply, `targetline-${years.join('-')}.xlsx`, 'xlsx', body);
    },
  );

  app.get(
    '/export/summary.csv',
    {
      schema: {
        tags: ['export'],
        summary: 'The summary of one year as CSV (UTF-8 with BOM)',
        ...routes['GET /export/summary.csv'],
      },
    },
    async (request, reply) => {
      const { summary } = await load(request.query.year);
      const { columns, rows } = buildSummaryTable(summary, (request.query.lang ?? 'vi') as Locale);
      const body = toCsv(
        columns.map((c) => c.header),
        rows.map((r) => r.cells),
      );
      return attach(reply, `targetline-${request.query.year}.csv`, 'csv', body);
    },
  );

  app.get(
    '/export/entries.csv',
    {
      schema: {
        tags: ['export', 'import'],
        summary:
          "Each unit's own figures of a year in the import template's layout (unit_code, year, quarter, type, amount, unit_name)",
        ...routes['GET /export/entries.csv'],
      },
    },
    async (request, reply) => {
      const { units, entries } = await load(request.query.year);
      return attach(
        reply,
        `targetline-entries-${request.query.year}.csv`,
        'csv',
        buildEntriesCsv(units, entries),
      );
    },
  );

  app.get(
    '/export/deck.pptx',
    {
      schema: {
        tags: ['export'],
        summary:
          'The quarterly review deck (PowerPoint, 16:9): headline, native forecast and unit charts, a slide per reporting unit with its report in the notes, the gap, the directions',
        ...routes['GET /export/deck.pptx'],
      },
    },
    async (request, reply) => {
      const { year, quarter } = request.query;
      const { buildDeck } = await import('../export/pptx');
      const body = await buildDeck({
        ...(await loadReview(year, quarter)),
        quarter,
        locale: (request.query.lang ?? 'vi') as Locale,
        exportedAt: new Date(),
      });
      return attach(reply, `targetline-${year}-q${quarter}.pptx`, 'pptx', body);
    },
  );

  app.get(
    '/export/review.docx',
    {
      schema: {
        tags: ['export'],
        summary:
          "The quarterly review's Word report (Báo cáo sơ kết): headline, a row per unit, charts, the units' reports",
        ...routes['GET /export/review.docx'],
      },
    },
    async (request, reply) => {
      const { year, quarter } = request.query;
      const { buildReviewReport } = await import('../export/review-docx');
      const body = await buildReviewReport({
        ...(await loadReview(year, quarter)),
        quarter,
        locale: (request.query.lang ?? 'vi') as Locale,
        exportedAt: new Date(),
      });
      return attach(reply, `targetline-${year}-q${quarter}.docx`, 'docx', body);
    },
  );
};
