import type { ReportState } from '@targetline/core';
import { useTranslation } from 'react-i18next';

/** A shape per state, so the word, the symbol and the colour each tell the states apart. */
const SYMBOL: Record<ReportState, string> = {
  not_started: '○',
  draft: '✎',
  submitted: '➜',
  returned: '↩',
  approved: '✓',
};

export function ReportStateBadge({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  return (
    <span className={`report-state report-state--${state}`}>
      <span aria-hidden="true">{SYMBOL[state]}</span> {t(`review.states.${state}`)}
    </span>
  );
}

/** Submitted or approved: the unit has reported. */
export const hasReported = (state: ReportState) => state === 'submitted' || state === 'approved';
