import type { AuditEntry } from '@targetline/contract';
import {
  formatAmountFull,
  formatQuarter,
  type Locale,
  type Quarter,
  REPORT_STATES,
  type ReportState,
} from '@targetline/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditQuery } from '../api/hooks';
import { formatDateTime } from '../i18n/format-date-time';
import { Modal } from '../ui/Modal';
import { ErrorState, LoadingState } from '../ui/StateMessages';

type Figure = { unit: { id: number; name: string }; year: number; quarter: Quarter };

/** The amount of an audited actual (`{ amount, … }`), or null when there was none. */
export function auditAmount(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('amount' in value)) return null;
  return typeof value.amount === 'number' ? value.amount : null;
}

/** The basis of an audited actual, or null for one recorded before estimates existed (final). */
export function auditBasis(value: unknown): 'estimate' | 'final' | null {
  if (typeof value !== 'object' || value === null || !('basis' in value)) return null;
  return value.basis === 'estimate' || value.basis === 'final' ? value.basis : null;
}

/** The state of an audited report; a report not started has no record (null). */
function auditReportState(value: unknown): ReportState {
  if (typeof value !== 'object' || value === null || !('state' in value)) return 'not_started';
  return REPORT_STATES.find((state) => state === value.state) ?? 'not_started';
}

/** "History": opens the change history of one unit's actual for one quarter. */
export function HistoryButton({ locale, ...figure }: Figure & { locale: Locale }) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const quarter = formatQuarter(figure.quarter, figure.year, locale);
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        aria-label={t('history.openLabel', { quarter, unit: figure.unit.name })}
        onClick={() => setIsOpen(true)}
      >
        {t('history.open')}
      </button>
      {isOpen && <HistoryDialog {...figure} locale={locale} onClose={() => setIsOpen(false)} />}
    </>
  );
}

export function HistoryDialog({
  unit,
  year,
  quarter,
  locale,
  onClose,
}: Figure & { locale: Locale; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useAuditQuery({ unitId: unit.id, year, quarter });
  const entries = query.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <Modal
      title={t('history.title')}
      subtitle={t('history.subtitle', {
        unit: unit.name,
        quarter: formatQuarter(quarter, year, locale),
      })}
      onClose={onClose}
      closeLabel={t('history.close')}
    >
      {query.isPending ? (
        <LoadingState />
      ) : query.isError && entries.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : entries.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <>
          <ol className="history">
            {entries.map((entry) => (
              <HistoryItem key={entry.id} entry={entry} locale={locale} />
            ))}
          </ol>
          {query.hasNextPage && (
            <div className="modal__actions">
              <button
                type="button"
                className="button-secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? t('history.loadingMore') : t('history.loadMore')}
              </button>
            </div>
          )}
        </>
      )}
    </Modal>
  );
}

/**
 * One change of the quarter: an actual's amount (with its basis, so an estimate replaced by
 * the final figure reads "… (ước thực hiện) → … (số chính thức)"), or its report's move.
 */
function HistoryItem({ entry, locale }: { entry: AuditEntry; locale: Locale }) {
  const { t } = useTranslation();
  const before = auditAmount(entry.oldValue);
  const after = auditAmount(entry.newValue);
  const basisOf = (value: unknown) => {
    const basis = auditBasis(value);
    return basis ? ` ${t('history.basis', { basis: t(`review.basis.${basis}`) })}` : '';
  };
  let change: ReactNode;
  if (entry.entity === 'report') {
    change = t('history.report', {
      from: t(`review.states.${auditReportState(entry.oldValue)}`),
      to: t(`review.states.${auditReportState(entry.newValue)}`),
    });
  } else if (before === null) {
    change = `${t('history.created', { amount: formatAmountFull(after, locale) })}${basisOf(entry.newValue)}`;
  } else {
    change = (
      <>
        <span className="history__old">
          {formatAmountFull(before, locale)}
          {basisOf(entry.oldValue)}
        </span>
        <span aria-hidden="true"> → </span>
        <span className="visually-hidden"> {t('history.to')} </span>
        <span className="history__new">
          {formatAmountFull(after, locale)}
          {basisOf(entry.newValue)}
        </span>
      </>
    );
  }
  return (
    <li className="history__item">
      <p className="history__meta">
        <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
        {' · '}
        <span className="history__who">
          {entry.actorName ?? entry.actor ?? t('history.system')}
        </span>
      </p>
      <p className="history__change">{change}</p>
      {entry.comment && (
        <p className="history__comment">
          {t('history.comment')}: {entry.comment}
        </p>
      )}
    </li>
  );
}
