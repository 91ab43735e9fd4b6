import type { Summary } from '@targetline/contract';
import type { Locale } from '@targetline/core';

/** What a dashboard chart panel drawn from the summary takes. */
export type SummaryPanelProps = {
  summary: Summary;
  locale: Locale;
  /** A phone: codes rather than names, and less room kept for labels. */
  isPhone: boolean;
  /** Fixed width (tests); without it the chart fills its column. */
  width?: number | undefined;
};
