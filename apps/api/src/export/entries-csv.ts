import type { Unit } from '@targetline/core';
import type { YearEntries } from '@targetline/db';
import { toCsv } from './csv';

/** The columns of the import template; stable whatever the UI language, so files travel. */
export const TEMPLATE_COLUMNS = [
  'unit_code',
  'year',
  'quarter',
  'type',
  'amount',
  'unit_name',
] as const;

/**
 * Each unit's own figures of a year in the import template's layout: one row per annual
 * plan (`plan`, no quarter), quarterly target (`target`) and actual (`actual`). Imported
 * back unchanged, it changes nothing.
 */
export function buildEntriesCsv(units: Unit[], entries: YearEntries): Buffer {
  const rows: Array<Array<string | number | null>> = [];
  const ordered = [...units].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (const unit of ordered) {
    const plan = entries.plans.find((p) => p.unitId === unit.id);
    if (plan) {
      rows.push([unit.code, entries.year, null, 'plan', plan.annualPlan, unit.name]);
      plan.quarterTargets.forEach((target, i) => {
        if (target !== null)
          rows.push([unit.code, entries.year, i + 1, 'target', target, unit.name]);
      });
    }
    for (const actual of entries.actuals.filter((a) => a.unitId === unit.id)) {
      rows.push([unit.code, entries.year, actual.quarter, 'actual', actual.amount, unit.name]);
    }
  }
  return toCsv([...TEMPLATE_COLUMNS], rows);
}
