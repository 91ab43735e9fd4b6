import type { Summary } from '@targetline/contract';
import {
  fill,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  hasDistinctAssignedPlan,
  type Locale,
  type Quarter,
  wordsFor,
} from '@targetline/core';

/**
 * The review's headline as the report writes it, sentence by sentence, for the Word report and
 * the deck alike: the revenue sentence (a partly reported quarter is never stated as the
 * quarter's revenue: it says how many units have reported), then either who is missing or the
 * status and what is still needed, and whether the figures are estimates. Where the group
 * assigned the institute a plan other than its own, the revenue sentence gives the share of
 * both, as the institute's reports do. Every figure is the summary's analysis; nothing is
 * computed here.
 */
export type ReviewHeadline = {
  /** The revenue sentence, with the quarter against its target where that is known. */
  headline: string;
  /** Who has not reported to the quarter, where anyone has not; then `status`/`needed` are null. */
  partly: string | null;
  status: string | null;
  needed: string | null;
  /** "Figures include estimates" or "figures are final". */
  basis: string;
  isEstimate: boolean;
};

export function reviewHeadline(summary: Summary, quarter: Quarter, locale: Locale): ReviewHeadline {
  const all = wordsFor(locale);
  const w = all.exports.reviewReport;
  const quarterName = formatQuarter(quarter, summary.year, locale);
  const root = summary.units[0];
  const analysis = root?.analysis;
  const rootQuarter = root?.quarters[quarter - 1];
  const nameOf = new Map(summary.units.map((u) => [u.unitId, u.name]));
  const amount = (a: number | null) => formatAmountShort(a, locale);
  const reporting = summary.reporting[quarter - 1];
  const isPartial = (reporting?.missingUnitIds.length ?? 0) > 0;
  const template = isPartial
    ? w.headlinePartial
    : quarter === 1
      ? w.headlineFirst
      : w.headlineLater;
  let headline = fill(template, {
    reported: reporting?.reportedUnits ?? 0,
    expected: reporting?.expectedUnits ?? 0,
    quarter: quarterName,
    actual: amount(rootQuarter?.actual ?? null),
    ytd: amount(analysis?.ytdActual ?? null),
    achieved: formatPercent(analysis?.achieved ?? null, locale),
    plan: amount(root?.annualPlan ?? null),
  });
  if (root && hasDistinctAssignedPlan(root)) {
    const againstAssigned = fill(w.againstAssigned, {
      achieved: formatPercent(analysis?.achievedVsAssigned ?? null, locale),
      plan: amount(root.assignedPlan),
    });
    // Inside the sentence, before its full stop: "…kế hoạch năm (180 tỷ), bằng …giao (200 tỷ)."
    headline = headline.endsWith('.')
      ? `${headline.slice(0, -1)}${againstAssigned}.`
      : `${headline}${againstAssigned}`;
  }
  if (rootQuarter?.target != null && quarter !== 1 && !isPartial)
    headline += ` ${fill(w.quarterAgainstTarget, {
      target: amount(rootQuarter.target),
      achieved: formatPercent(rootQuarter.achieved, locale),
    })}`;
  const isMissing = analysis?.unavailableReason === 'partly_reported';
  const partly =
    analysis && isMissing
      ? fill(w.partly, {
          count: analysis.missingUnitIds.length,
          expected: reporting?.expectedUnits ?? analysis.missingUnitIds.length,
          quarter: quarterName,
          units: analysis.missingUnitIds.map((id) => nameOf.get(id) ?? String(id)).join(', '),
        })
      : null;
  const status =
    analysis && !isMissing && analysis.status !== null
      ? fill(w.status, {
          status: all.analysis.status[analysis.status].toLocaleLowerCase(locale),
          pace: formatPercent(analysis.pace, locale),
          quarter: quarterName,
        })
      : null;
  const needed =
    analysis && !isMissing
      ? analysis.stillNeeded !== null && analysis.neededPerQuarter !== null
        ? fill(w.needed, {
            stillNeeded: amount(analysis.stillNeeded),
            perQuarter: amount(analysis.neededPerQuarter),
          })
        : w.yearDone
      : null;
  const isEstimate = analysis?.isEstimate ?? false;
  return {
    headline,
    partly,
    status,
    needed,
    basis: isEstimate ? fill(w.estimates, { quarter: quarterName }) : w.final,
    isEstimate,
  };
}
