import type { Locale } from '@targetline/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format-date-time';
import { Modal } from '../ui/Modal';

export type ConflictRow = {
  label: string;
  /** Already formatted with formatAmountFull. */
  mine: string;
  theirs: string;
};

type Props = {
  /** Who saved the figure now on the server, and when; null when unknown. */
  changedBy: string | null;
  changedAt: string | null;
  rows: ConflictRow[];
  locale: Locale;
  isPending: boolean;
  /** Save my value over theirs, from their version. */
  onUseMine: () => void;
  /** Drop my value and reload the form with theirs. */
  onKeepTheirs: () => void;
  /** Decide later: nothing is saved and the form keeps my value. */
  onClose: () => void;
};

/** A save met a newer version: show both values and let the user choose. Never overwrites by itself. */
export function ConflictDialog({
  changedBy,
  changedAt,
  rows,
  locale,
  isPending,
  onUseMine,
  onKeepTheirs,
  onClose,
}: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('conflict.title')}
      onClose={onClose}
      closeLabel={t('conflict.close')}
      role="alertdialog"
    >
      {changedAt && (
        <p className="conflict__who">
          {t('conflict.changedBy', {
            who: changedBy ?? t('conflict.someone'),
            at: formatDateTime(changedAt, locale),
          })}
        </p>
      )}
      <p>{t('conflict.notSaved')}</p>
      <table className="conflict__table">
        <thead>
          <tr>
            <th scope="col">{t('conflict.item')}</th>
            <th scope="col" className="num">
              {t('conflict.mine')}
            </th>
            <th scope="col" className="num">
              {t('conflict.theirs')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={row.mine === row.theirs ? undefined : 'is-different'}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.mine}</td>
              <td className="num">{row.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal__actions">
        <button type="button" className="button-secondary" onClick={onKeepTheirs} data-autofocus>
          {t('conflict.keepTheirs')}
        </button>
        <button type="button" className="button-primary" onClick={onUseMine} disabled={isPending}>
          {t('conflict.useMine')}
        </button>
      </div>
    </Modal>
  );
}
