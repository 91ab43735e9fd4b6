import type { PaceStatus } from '@targetline/core';
import { useTranslation } from 'react-i18next';

/** A shape per status, so the word, the icon and the colour each tell it apart. */
const ICON: Record<PaceStatus | 'none', string> = {
  on_track: '✓',
  at_risk: '!',
  behind: '▼',
  none: '–',
};

/** The API's pace status as a word with an icon; null (no pace to judge) reads "no data". */
export function PaceStatusBadge({ status }: { status: PaceStatus | null }) {
  const { t } = useTranslation();
  const key = status ?? 'none';
  return (
    <span className={`pace-status pace-status--${key}`}>
      <span className="pace-status__icon" aria-hidden="true">
        {ICON[key]}
      </span>{' '}
      {t(`analysis.status.${key}`)}
    </span>
  );
}
