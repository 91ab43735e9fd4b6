import type { AuditEntry } from '@targetline/contract';
import { formatAmountFull, formatQuarter, type Locale, type Quarter } from '@targetline/core';
import { useState } from 'react';
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

function HistoryItem({ entry, locale }: { entry: AuditEntry; locale: Locale }) {
  const { t } = useTranslation();
  const before = auditAmount(entry.oldValue);
  const after = auditAmount(entry.newValue);
  return (
    <li className="history__item">
      <p className="history__meta">
        <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
        {' · '}
        <span className="history__who">{entry.actor ?? t('history.system')}</span>
      </p>
      <p className="history__change">
        {before === null ? (
          t('history.created', { amount: formatAmountFull(after, locale) })
        ) : (
          <>
            <span className="history__old">{formatAmountFull(before, locale)}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> {t('history.to')} </span>
            <span className="history__new">{formatAmountFull(after, locale)}</span>
          </>
        )}
      </p>
      {entry.comment && (
        <p className="history__comment">
          {t('history.comment')}: {entry.comment}
        </p>
      )}
    </li>
  );
}
