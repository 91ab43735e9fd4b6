import { type Locale, QUARTERS, type YearSummary } from '@targetline/core';
import ExcelJS from 'exceljs';
import { labels } from './labels';
import { buildSummaryTable, quarterNotes } from './summary-table';

const VND_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.0%';

/**
 * The summary as a workbook, one sheet per year: numbers are real numeric cells (đồng with a
 * thousands format, achievements as percent cells), the header row is frozen, and every text
 * cell is a string — never a formula, whatever it begins with. A quarter some units have not
 * reported yet is noted under the table with their codes.
 */
export async function buildSummaryWorkbook(
  summaries: YearSummary[],
  locale: Locale,
  organisation: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Targetline';
  workbook.title = organisation;
  workbook.created = new Date();
  for (const summary of summaries) {
    const { columns, rows } = buildSummaryTable(summary, locale);
    const sheet = workbook.addWorksheet(String(summary.year), {
      views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
    });
    sheet.columns = columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: {
        numFmt: c.kind === 'amount' ? VND_FORMAT : c.kind === 'ratio' ? PERCENT_FORMAT : '@',
      },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.height = 32;
    for (const { depth, cells } of rows) {
      const row = sheet.addRow(cells);
      if (depth === 0) row.font = { bold: true };
      // Strings are written as strings: exceljs makes a formula only from { formula }.
      row.getCell(2).alignment = { indent: depth };
    }
    sheet.addRow([]);
    sheet.addRow([labels(locale).unitNote]).font = { italic: true };
    // Under the table too, not only in its last columns: a partly reported quarter is named.
    for (const note of QUARTERS.flatMap((q) => quarterNotes(summary, q, locale))) {
      sheet.addRow([note]).font = { italic: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
