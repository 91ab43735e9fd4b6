import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cellsSplitOn, formulaCells, HOSTILE_NAMES, partsSplitNaively } from '../test/spreadsheet';
import { toCsv } from './csv';

describe('toCsv', () => {
  const csv = toCsv(
    ['name', 'amount', 'ratio'],
    HOSTILE_NAMES.map((name) => [name, 180_000_000_000, 0.0722]),
  );

  it('quotes every field holding a separator of either kind, a quote, a tab or a line break', () => {
    const text = csv.toString('utf8');
    expect(text).toContain("\"Phong B;'=cmd|' /C calc'!A0\"");
    expect(text).toContain('"Phong C,\'=1+1"');
    expect(text).toContain('"Phong J\t\'=1"');
  });

  it('gives every text back when split on ",", each part that would start a formula marked with an apostrophe', () => {
    const records = parse(csv.toString('utf8'), { bom: true }) as string[][];
    expect(records.slice(1).map((r) => r[0])).toEqual([
      "Phong B;'=cmd|' /C calc'!A0",
      "Phong C,'=1+1",
      "Phong D;'+SUM(A1:A9)",
      "Phong E;'-2+3",
      "Phong F;'@SUM(A1)",
      'Phong G;\'"=1+1"',
      "Phong H\n'=1+1",
      "Phong I\r\n'@x",
      "Phong J\t'=1",
      "'=1+1",
      "'-3",
    ]);
    // Numbers stay numbers: unquoted, unmarked.
    expect(records[1]?.slice(1)).toEqual(['180000000000', '0.0722']);
    expect(csv.toString('utf8')).toContain(',180000000000,0.0722\r\n');
  });

  it.each([',', ';'] as const)('leaves no cell that starts a formula when split on "%s"', (d) => {
    const cells = cellsSplitOn(csv, d);
    expect(cells.length).toBeGreaterThan(HOSTILE_NAMES.length);
    expect(formulaCells(cells)).toEqual([]);
  });

  it('leaves no formula when each line is split on ";" with no regard to quotes', () => {
    expect(formulaCells(partsSplitNaively(csv))).toEqual([]);
  });
});
