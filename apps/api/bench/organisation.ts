import type { Quarter, UnitKind } from '@targetline/core';
import type { SeedOrganisation } from '@targetline/db';

export const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
export const LEVEL1 = 30;
export const UNITS = 1000;

/** 1,000 units in three levels: the root, 30 centres, 969 departments spread under them. */
export function generateOrganisation(): SeedOrganisation {
  const units: SeedOrganisation['units'] = [
    { code: 'ROOT', name: 'Tập đoàn Bench', kind: 'institute', parentCode: null },
  ];
  for (let i = 1; i <= LEVEL1; i++) {
    units.push({
      code: `C${i}`,
      name: `Trung tâm ${i}`,
      kind: 'centre' as UnitKind,
      parentCode: 'ROOT',
    });
  }
  for (let i = units.length; i < UNITS; i++) {
    units.push({
      code: `D${i}`,
      name: `Phòng ${i}`,
      kind: 'department',
      parentCode: `C${(i % LEVEL1) + 1}`,
    });
  }
  const plans: SeedOrganisation['plans'] = [];
  const actuals: SeedOrganisation['actuals'] = [];
  units.forEach((unit, index) => {
    if (unit.parentCode === null) return;
    for (const year of YEARS) {
      const plan = 1_000_000_000 + ((index * 7919 + year) % 97) * 100_000_000;
      const quarter = Math.round(plan / 4);
      plans.push({
        unitCode: unit.code,
        year,
        annualPlan: plan,
        quarterTargets: [quarter, quarter, quarter, plan - 3 * quarter],
      });
      for (const q of [1, 2, 3, 4] as Quarter[]) {
        actuals.push({
          unitCode: unit.code,
          year,
          quarter: q,
          amount: Math.round(quarter * (0.6 + ((index + q + year) % 9) / 10)),
        });
      }
    }
  });
  return { units, plans, actuals, users: [] };
}
