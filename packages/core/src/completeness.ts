import { QUARTERS } from './period';
import type { AsOfRule, PlanEntry, Quarter, Unit } from './types';

/**
 * The units expected to report a figure each quarter of a year: each unit with its own plan
 * for the year, unless a unit below it has its own plan too. Such a parent's plan (the
 * institute's, set by the group) is the plan of its units taken together, and its revenue is
 * what they bring in, so it reports nothing of its own; a figure it does enter still counts in
 * its roll-up. Plans of unknown units are ignored; a unit whose parent is unknown is a root.
 * Linear: each unit's ancestors are walked up only until one already known to have a planned
 * unit below it (so a cycle ends too).
 */
export function reportingUnitIds({
  units,
  plans,
}: {
  units: readonly Pick<Unit, 'id' | 'parentId'>[];
  plans: readonly Pick<PlanEntry, 'unitId'>[];
}): Set<number> {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const planned = new Set(plans.map((p) => p.unitId).filter((id) => parentOf.has(id)));
  const hasPlannedBelow = new Set<number>();
  for (const id of planned) {
    let parent = parentOf.get(id) ?? null;
    while (parent !== null && parentOf.has(parent) && !hasPlannedBelow.has(parent)) {
      hasPlannedBelow.add(parent);
      parent = parentOf.get(parent) ?? null;
    }
  }
  return new Set([...planned].filter((id) => !hasPlannedBelow.has(id)));
}

/** What the as-of rule needs to know of one quarter of the whole organisation. */
export type QuarterCount = {
  /** Reporting units of the year (the same in every quarter). */
  expectedUnits: number;
  /** Of those, how many have their own figure for the quarter. */
  reportedUnits: number;
  /** Whether any unit at all entered a figure for the quarter. */
  hasAnyActual: boolean;
};

/**
 * The rule for the default "as of" quarter of a year, the one the dashboard, the API and the
 * exports use (a quarter chosen explicitly overrides it, partly reported or not):
 * 1. the latest quarter whose review round is complete (every reporting unit submitted or
 *    approved) — a round's drafts are figures already, so a round that is open is not enough
 *    even where every unit has typed one in;
 * 2. else the latest quarter in which every reporting unit has a figure (earlier quarters with
 *    a gap stay marked partial in the roll-up rather than holding the view back for good);
 * 3. else, when units are expected to report but no quarter is complete, Q1: the first quarter
 *    being reported, shown partial with the units missing — never a later quarter that one
 *    early figure has started;
 * 4. with no reporting unit at all (no plans for the year) there is no one to wait for: the
 *    latest quarter with any figure;
 * 5. with no figure at all, null.
 * `quarters` are Q1..Q4 of the whole organisation; `completeRounds` the quarters whose round is
 * complete (absent or empty: none is).
 */
export function defaultAsOfQuarter({
  quarters,
  completeRounds = [],
}: {
  quarters: readonly [QuarterCount, QuarterCount, QuarterCount, QuarterCount];
  completeRounds?: readonly Quarter[];
}): { quarter: Quarter | null; rule: AsOfRule } {
  const latestRound = completeRounds.reduce<Quarter | null>(
    (latest, q) => (latest === null || q > latest ? q : latest),
    null,
  );
  if (latestRound !== null) return { quarter: latestRound, rule: 'round_complete' };
  const latestWhere = (isIt: (count: QuarterCount) => boolean): Quarter | null => {
    for (let i = QUARTERS.length - 1; i >= 0; i--) {
      const quarter = QUARTERS[i] as Quarter;
      if (isIt(quarters[i] as QuarterCount)) return quarter;
    }
    return null;
  };
  const latestEntry = latestWhere((c) => c.hasAnyActual);
  if (latestEntry === null) return { quarter: null, rule: 'nothing_entered' };
  if (quarters[0].expectedUnits === 0) return { quarter: latestEntry, rule: 'latest_entry' };
  const latestComplete = latestWhere((c) => c.reportedUnits >= c.expectedUnits);
  if (latestComplete !== null) return { quarter: latestComplete, rule: 'all_reported' };
  return { quarter: 1, rule: 'none_complete' };
}
