import { formatAmountCompact, formatAmountShort, formatPercent } from './format';
import { sumAmounts } from './money';
import { formatQuarter } from './period';
import type { Locale, Quarter } from './types';
import { fill, type Messages } from './words';
import type { UnitYearAnalysis } from './year-analysis';

/** What the headline reads of a unit: the summary's unit (core's or the contract's) fits. */
export type HeadlineUnit = Pick<
  UnitYearAnalysis,
  'unitId' | 'name' | 'annualPlan' | 'quarters' | 'analysis'
>;

export type Headline = {
  /**
   * `figures`: the year to date against the plan and targets; `partly_reported`: who has and
   * has not reported, and no total; `no_figures`: nothing entered to the quarter.
   */
  kind: 'figures' | 'partly_reported' | 'no_figures';
  text: string;
  /** The units not yet reported up to the quarter (named in `text`); empty unless partly reported. */
  missingUnitIds: number[];
};

const SEPARATOR = ' · ';

/**
 * The one sentence that opens the dashboard, for a unit (default: the first, the root) as of
 * the selected quarter, e.g. "Quý I/2023: 13 tỷ đồng, đạt 7,2% kế hoạch năm (180 tỷ) · thấp
 * hơn chỉ tiêu lũy kế 7 tỷ · cần bình quân 55,7 tỷ mỗi quý còn lại". After Q1 the amount is
 * the year to date ("lũy kế"). Each part is left out when it cannot be said: the plan's share
 * without a plan ("chưa có kế hoạch năm" instead), the gap to the cumulative target unless
 * every target of Q1..asOf is set, the average still needed once the year is complete (or
 * "đã hoàn thành kế hoạch năm" once nothing is). A partly reported quarter gives no total at
 * all: how many units reported and who is missing, named from the summary's own units (an
 * unknown id reads "#id"). Null when the unit is not in the summary.
 */
export function headlineSentence({
  analysis,
  locale,
  words,
  unitId,
}: {
  analysis: {
    year: number;
    selectedQuarter: Quarter;
    units: readonly HeadlineUnit[];
  };
  locale: Locale;
  /** The words of the headline in that locale, as the caller has them loaded. */
  words: Messages['analysis']['headline'];
  unitId?: number;
}): Headline | null {
  const unit =
    unitId === undefined ? analysis.units[0] : analysis.units.find((u) => u.unitId === unitId);
  if (unit === undefined) return null;
  const asOf = analysis.selectedQuarter;
  const quarter = formatQuarter(asOf, analysis.year, locale);
  const a = unit.analysis;

  if (a.unavailableReason === 'partly_reported') {
    const names = new Map(analysis.units.map((u) => [u.unitId, u.name]));
    const expected = unit.quarters[asOf - 1]?.expectedUnits ?? 0;
    return {
      kind: 'partly_reported',
      text: fill(words.partlyReported, {
        quarter,
        reported: Math.max(0, expected - a.missingUnitIds.length),
        expected,
        units: a.missingUnitIds.map((id) => names.get(id) ?? `#${id}`).join(', '),
      }),
      missingUnitIds: a.missingUnitIds,
    };
  }
  if (a.ytdActual === null) {
    return { kind: 'no_figures', text: fill(words.noFigures, { quarter }), missingUnitIds: [] };
  }

  const lead = fill(asOf === 1 ? words.lead : words.leadYtd, {
    quarter,
    amount: formatAmountShort(a.ytdActual, locale),
  });
  const ofPlan =
    a.achieved === null
      ? words.noPlan
      : fill(words.achieved, {
          percent: formatPercent(a.achieved, locale),
          plan: formatAmountCompact(unit.annualPlan, locale),
        });
  const parts = [`${lead}, ${ofPlan}`];

  const targets = unit.quarters.slice(0, asOf).map((q) => q.target);
  if (targets.every((t) => t !== null)) {
    const gap = a.ytdActual - (sumAmounts(targets) ?? 0);
    const amount = formatAmountCompact(Math.abs(gap), locale);
    parts.push(
      gap < 0
        ? fill(words.below, { gap: amount })
        : gap > 0
          ? fill(words.above, { gap: amount })
          : words.onTarget,
    );
  }
  if (asOf < 4 && a.stillNeeded !== null) {
    parts.push(
      a.stillNeeded === 0
        ? words.planMet
        : fill(words.needed, { amount: formatAmountCompact(a.neededPerQuarter, locale) }),
    );
  }
  return { kind: 'figures', text: parts.join(SEPARATOR), missingUnitIds: [] };
}
