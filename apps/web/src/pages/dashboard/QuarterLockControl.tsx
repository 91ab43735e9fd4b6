import type { QuarterLock } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter } from '@targetline/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLockQuarterMutation, useUnlockQuarterMutation } from '../../api/hooks';
import { LockIcon } from '../../forms/ActualEditor';
import { formatDateTime } from '../../i18n/format-date-time';
import { saveErrorMessage } from '../../ui/fields/save-error';
import { Modal } from '../../ui/Modal';

type Props = {
  year: number;
  quarter: Quarter;
  lock: QuarterLock | undefined;
  /** Directors and admins lock and unlock; everyone sees the badge. */
  canLock: boolean;
  locale: Locale;
};

/** Under a quarter's heading: the "Locked" badge, and for directors the lock / unlock button. */
export function QuarterLockControl({ year, quarter, lock, canLock, locale }: Props) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const quarterLabel = formatQuarter(quarter, year, locale);
  return (
    <span className="quarter-lock">
      {lock && (
        <span
          className="lock-badge"
          title={t('locks.lockedBy', {
            who: lock.lockedBy,
            at: formatDateTime(lock.lockedAt, locale),
          })}
        >
          <LockIcon /> {t('locks.locked')}
        </span>
      )}
      {canLock && (
        <button
          type="button"
          className="quarter-lock__button"
          aria-label={t(lock ? 'locks.unlockLabel' : 'locks.lockLabel', { quarter: quarterLabel })}
          onClick={() => setIsOpen(true)}
        >
          {t(lock ? 'locks.unlock' : 'locks.lock')}
        </button>
      )}
      {isOpen && (
        <LockDialog
          year={year}
          quarter={quarter}
          quarterLabel={quarterLabel}
          isLocked={lock !== undefined}
          locale={locale}
          onClose={() => setIsOpen(false)}
        />
      )}
    </span>
  );
}

const MIN_REASON = 3;

function LockDialog({
  year,
  quarter,
  quarterLabel,
  isLocked,
  locale,
  onClose,
}: {
  year: number;
  quarter: Quarter;
  quarterLabel: string;
  isLocked: boolean;
  locale: Locale;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const lockMutation = useLockQuarterMutation();
  const unlockMutation = useUnlockQuarterMutation();
  const mutation = isLocked ? unlockMutation : lockMutation;
  const [text, setText] = useState('');
  const [isSubmitted, setIsSubmitted] = useState(false);
  const isReasonShort = isLocked && text.trim().length < MIN_REASON;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (isReasonShort) return;
    if (isLocked) {
      unlockMutation.mutate({ year, quarter, reason: text }, { onSuccess: onClose });
    } else {
      lockMutation.mutate({ year, quarter, comment: text }, { onSuccess: onClose });
    }
  }

  const isInvalid = isSubmitted && isReasonShort;
  return (
    <Modal
      title={t(isLocked ? 'locks.unlockTitle' : 'locks.lockTitle', { quarter: quarterLabel })}
      onClose={onClose}
      closeLabel={t('locks.cancel')}
    >
      <form onSubmit={handleSubmit} noValidate>
        <p>{t(isLocked ? 'locks.unlockBody' : 'locks.lockBody', { quarter: quarterLabel })}</p>
        <div className={isInvalid ? 'field field--invalid' : 'field'}>
          <label htmlFor={`${id}-text`}>
            {t(isLocked ? 'locks.reason' : 'locks.note')}
            {!isLocked && <span className="field__optional"> ({t('forms.optional')})</span>}
          </label>
          <input
            id={`${id}-text`}
            type="text"
            maxLength={1000}
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={isInvalid}
            aria-describedby={isInvalid ? `${id}-error` : undefined}
            required={isLocked}
            data-autofocus
          />
          {isInvalid && (
            <p id={`${id}-error`} className="field__hint field__hint--error">
              {t('locks.reasonTooShort')}
            </p>
          )}
        </div>
        {mutation.isError && (
          <p className="form-message form-message--error" role="alert">
            {saveErrorMessage(mutation.error, t, locale)}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('locks.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={mutation.isPending}>
            {t(isLocked ? 'locks.confirmUnlock' : 'locks.confirmLock')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
