import { ratio } from './achievement';
import { sumAmounts } from './money';
import { QUARTERS } from './period';
import type {
  ActualEntry,
  PlanEntry,
  Quarter,
  QuarterSummary,
  Unit,
  UnitSummary,
  YearSummary,
} from './types';

type Four<T> = [T, T, T, T];

type Rolled = {
  annualPlan: number | null;
  targets: Four<number | null>;
  actuals: Four<number | null>;
};

const byCode = (a: Unit, b: Unit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The year's figures of every unit, parents rolled up:
 * - actuals: a unit's own entry plus all its descendants' (null where none of them entered one);
 * - annual plan and each quarter's target: the unit's own where set, else the sum of its
 *   children's — never both added together (the group sets the institute's plan itself);
 * - ratios are null where the plan or target is 0 or missing.
 * Units come depth-first from the root(s), children ordered by code. A unit whose parent is
 * unknown is treated as a root; entries of unknown units are ignored; a cycle throws.
 */
export function buildYearSummary({
  year,
  units,
  plans,
  actuals,
}: {
  year: number;
  units: readonly Unit[];
  plans: readonly PlanEntry[];
  actuals: readonly ActualEntry[];
}): YearSummary {
  const known = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number, Unit[]>();
  const roots: Unit[] = [];
  for (const unit of units) {
    const parent = unit.parentId === null ? undefined : known.get(unit.parentId);
    if (parent === undefined) {
      roots.push(unit);
    } else {
      const list = children.get(parent.id);
      if (list) list.push(unit);
      else children.set(parent.id, [unit]);
    }
  }
  roots.sort(byCode);
  for (const list of children.values()) list.sort(byCode);

  const ownPlan = new Map(plans.filter((p) => known.has(p.unitId)).map((p) => [p.unitId, p]));
  const ownActuals = new Map<number, Four<number | null>>();
  let asOfQuarter: Quarter | null = null;
  for (const entry of actuals) {
    if (!known.has(entry.unitId)) continue;
    let four = ownActuals.get(entry.unitId);
    if (!four) {
      four = [null, null, null, null];
      ownActuals.set(entry.unitId, four);
    }
    four[entry.quarter - 1] = (four[entry.quarter - 1] ?? 0) + entry.amount;
    if (asOfQuarter === null || entry.quarter > asOfQuarter) asOfQuarter = entry.quarter;
  }

  // Depth-first order first (iteratively, so a deep tree cannot overflow the stack), then the
  // roll-up in reverse order, which visits every child before its parent.
  const order: Array<{ unit: Unit; depth: number }> = [];
  const stack = roots
    .slice()
    .reverse()
    .map((unit) => ({ unit, depth: 0 }));
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    order.push(item);
    const kids = children.get(item.unit.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid) stack.push({ unit: kid, depth: item.depth + 1 });
    }
  }
  if (order.length !== units.length) {
    const reached = new Set(order.map((o) => o.unit.id));
    const stuck = units.filter((u) => !reached.has(u.id)).map((u) => u.code);
    throw new Error(`The unit tree has a cycle through ${stuck.join(', ')}`);
  }

  const rolled = new Map<number, Rolled>();
  for (let i = order.length - 1; i >= 0; i--) {
    const unit = order[i]?.unit;
    if (!unit) continue;
    const kids = (children.get(unit.id) ?? []).map((k) => rolled.get(k.id) as Rolled);
    const plan = ownPlan.get(unit.id);
    const own = ownActuals.get(unit.id) ?? [null, null, null, null];
    const fromKids = <T>(pick: (r: Rolled) => T) => kids.map(pick);
    rolled.set(unit.id, {
      annualPlan: plan ? plan.annualPlan : sumAmounts(fromKids((r) => r.annualPlan)),
      targets: QUARTERS.map(
        (q) => plan?.quarterTargets[q - 1] ?? sumAmounts(fromKids((r) => r.targets[q - 1] ?? null)),
      ) as Four<number | null>,
      actuals: QUARTERS.map((q) =>
        sumAmounts([own[q - 1] ?? null, ...fromKids((r) => r.actuals[q - 1] ?? null)]),
      ) as Four<number | null>,
    });
  }

  const summaries: UnitSummary[] = order.map(({ unit, depth }) => {
    const r = rolled.get(unit.id) as Rolled;
    const quarters = QUARTERS.map(
      (q): QuarterSummary => ({
        quarter: q,
        target: r.targets[q - 1] ?? null,
        actual: r.actuals[q - 1] ?? null,
        achieved: ratio(r.actuals[q - 1] ?? null, r.targets[q - 1] ?? null),
      }),
    ) as Four<QuarterSummary>;
    const ytdActual = sumAmounts(r.actuals);
    return {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      parentId: unit.parentId,
      kind: unit.kind,
      depth,
      annualPlan: r.annualPlan,
      ytdActual,
      achieved: ratio(ytdActual, r.annualPlan),
      quarters,
    };
  });

  return { year, currency: 'VND', asOfQuarter, units: summaries };
}
