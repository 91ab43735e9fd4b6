import { ratio } from './achievement';
import { defaultAsOfQuarter, reportingUnitIds } from './completeness';
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
  assignedPlan: number | null;
  targets: Four<number | null>;
  actuals: Four<number | null>;
  /** Reporting units in the subtree. */
  expected: number;
  /** Of those, how many have their own figure, per quarter. */
  reported: Four<number>;
  /** Any figure of the subtree an estimate, per quarter. */
  isEstimate: Four<boolean>;
};

const byCode = (a: Unit, b: Unit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The year's figures of every unit, parents rolled up:
 * - actuals: a unit's own entry plus all its descendants' (null where none of them entered one);
 * - annual plan and each quarter's target: the unit's own where set, else the sum of its
 *   children's — never both added together (the group sets the institute's plan itself);
 * - the plan the group assigned, as the annual plan: a unit with a plan of its own has its own
 *   assigned plan (null where it set none, whatever its children's), a unit without one the
 *   sum of its children's (null where none of them has one);
 * - ratios are null where the plan or target is 0 or missing;
 * - each quarter says how many reporting units of the subtree (`reportingUnitIds`) have their
 *   own figure, which have not, and whether any figure is an estimate;
 * - the year's default as-of quarter follows `defaultAsOfQuarter`, given the quarters whose
 *   review round is complete (`completeRounds`, none when absent).
 * Units come depth-first from the root(s), children ordered by code. A unit whose parent is
 * unknown is treated as a root; entries of unknown units are ignored; a cycle throws.
 * One pass over the tree: the counts roll up like the sums, and each unit's missing units
 * are a slice of the year's list in depth-first order, where its subtree is contiguous.
 */
export function buildYearSummary({
  year,
  units,
  plans,
  actuals,
  completeRounds,
}: {
  year: number;
  units: readonly Unit[];
  plans: readonly PlanEntry[];
  actuals: readonly ActualEntry[];
  completeRounds?: readonly Quarter[];
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
  const reporting = reportingUnitIds({ units, plans });
  const ownActuals = new Map<number, Four<number | null>>();
  const ownEstimates = new Map<number, Four<boolean>>();
  const hasAnyActual: Four<boolean> = [false, false, false, false];
  for (const entry of actuals) {
    if (!known.has(entry.unitId)) continue;
    let four = ownActuals.get(entry.unitId);
    if (!four) {
      four = [null, null, null, null];
      ownActuals.set(entry.unitId, four);
    }
    four[entry.quarter - 1] = (four[entry.quarter - 1] ?? 0) + entry.amount;
    hasAnyActual[entry.quarter - 1] = true;
    if (entry.basis === 'estimate') {
      const flags = ownEstimates.get(entry.unitId) ?? [false, false, false, false];
      flags[entry.quarter - 1] = true;
      ownEstimates.set(entry.unitId, flags);
    }
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
    const ownEstimate = ownEstimates.get(unit.id);
    const isReporting = reporting.has(unit.id);
    const fromKids = <T>(pick: (r: Rolled) => T) => kids.map(pick);
    let expected = isReporting ? 1 : 0;
    const reported = QUARTERS.map((q) =>
      isReporting && own[q - 1] != null ? 1 : 0,
    ) as Four<number>;
    const isEstimate = QUARTERS.map((q) => ownEstimate?.[q - 1] === true) as Four<boolean>;
    for (const kid of kids) {
      expected += kid.expected;
      for (let q = 0; q < 4; q++) {
        reported[q] = (reported[q] ?? 0) + (kid.reported[q] ?? 0);
        if (kid.isEstimate[q]) isEstimate[q] = true;
      }
    }
    rolled.set(unit.id, {
      expected,
      reported,
      isEstimate,
      annualPlan: plan ? plan.annualPlan : sumAmounts(fromKids((r) => r.annualPlan)),
      assignedPlan: plan
        ? (plan.assignedPlan ?? null)
        : sumAmounts(fromKids((r) => r.assignedPlan)),
      targets: QUARTERS.map(
        (q) => plan?.quarterTargets[q - 1] ?? sumAmounts(fromKids((r) => r.targets[q - 1] ?? null)),
      ) as Four<number | null>,
      actuals: QUARTERS.map((q) =>
        sumAmounts([own[q - 1] ?? null, ...fromKids((r) => r.actuals[q - 1] ?? null)]),
      ) as Four<number | null>,
    });
  }

  // The reporting units without a figure, per quarter, depth-first: a subtree is a contiguous
  // run of the order, so its missing units are the next (expected − reported) of the list.
  const missing: Four<number[]> = [[], [], [], []];
  for (const { unit } of order) {
    if (!reporting.has(unit.id)) continue;
    const own = ownActuals.get(unit.id);
    for (const q of QUARTERS) if (own?.[q - 1] == null) missing[q - 1]?.push(unit.id);
  }
  const missingBefore: Four<number> = [0, 0, 0, 0];

  const summaries: UnitSummary[] = order.map(({ unit, depth }) => {
    const r = rolled.get(unit.id) as Rolled;
    const quarters = QUARTERS.map((q): QuarterSummary => {
      const i = q - 1;
      const reportedUnits = r.reported[i] ?? 0;
      const from = missingBefore[i] ?? 0;
      return {
        quarter: q,
        target: r.targets[i] ?? null,
        actual: r.actuals[i] ?? null,
        achieved: ratio(r.actuals[i] ?? null, r.targets[i] ?? null),
        expectedUnits: r.expected,
        reportedUnits,
        missingUnitIds: missing[i]?.slice(from, from + r.expected - reportedUnits) ?? [],
        isEstimate: r.isEstimate[i] ?? false,
      };
    }) as Four<QuarterSummary>;
    if (reporting.has(unit.id)) {
      const own = ownActuals.get(unit.id);
      for (const q of QUARTERS) {
        if (own?.[q - 1] == null) missingBefore[q - 1] = (missingBefore[q - 1] ?? 0) + 1;
      }
    }
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
      assignedPlan: r.assignedPlan,
      achievedVsAssigned: ratio(ytdActual, r.assignedPlan),
      quarters,
    };
  });

  const rootsRolled = roots.map((root) => rolled.get(root.id) as Rolled);
  const expectedUnits = rootsRolled.reduce((sum, r) => sum + r.expected, 0);
  const reportingOf = (q: Quarter) => {
    const i = q - 1;
    return {
      quarter: q,
      expectedUnits,
      reportedUnits: rootsRolled.reduce((sum, r) => sum + (r.reported[i] ?? 0), 0),
      missingUnitIds: missing[i] ?? [],
      isEstimate: rootsRolled.some((r) => r.isEstimate[i]),
    };
  };
  const reportingQuarters: YearSummary['reporting'] = [
    reportingOf(1),
    reportingOf(2),
    reportingOf(3),
    reportingOf(4),
  ];
  const asOf = defaultAsOfQuarter({
    quarters: [
      { ...reportingQuarters[0], hasAnyActual: hasAnyActual[0] },
      { ...reportingQuarters[1], hasAnyActual: hasAnyActual[1] },
      { ...reportingQuarters[2], hasAnyActual: hasAnyActual[2] },
      { ...reportingQuarters[3], hasAnyActual: hasAnyActual[3] },
    ],
    completeRounds,
  });

  return {
    year,
    currency: 'VND',
    asOfQuarter: asOf.quarter,
    asOfRule: asOf.rule,
    reporting: reportingQuarters,
    units: summaries,
  };
}
