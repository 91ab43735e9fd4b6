import {
  type Amount,
  formatAmountFull,
  formatQuarter,
  type Locale,
  type Quarter,
} from '@targetline/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictOf } from '../api/errors';
import { useSaveActualMutation } from '../api/hooks';
import type { ActualEntryResponse, QuarterLock } from '../api/types';
import { AmountField } from './AmountField';
import { readAmountInput } from './amount-input';
import { apiErrorField, isApiField } from './api-field';
import { CommentField } from './CommentField';
import { ConflictDialog } from './ConflictDialog';
import { saveErrorMessage } from './save-error';

type Props = {
  idPrefix: string;
  year: number;
  quarter: Quarter;
  unit: { id: number; name: string };
  /** The unit's own entered actual for the quarter; undefined when none exists yet. */
  entry: ActualEntryResponse | undefined;
  /** Set when the quarter is locked: the figure can be read, not saved. */
  lock: QuarterLock | undefined;
  locale: Locale;
  /** Shown beside Save in an inline editor. */
  onCancel?: (() => void) | undefined;
  /** Extra controls after Save (e.g. the history button). */
  extraActions?: ReactNode;
};

type PendingConflict = {
  mine: Amount;
  current: ActualEntryResponse | null;
};

const isActualShape = (value: Record<string, unknown>) => typeof value.amount === 'number';

/**
 * Enters or corrects one quarter's actual. Sends the version it started from; when
 * someone saved in between (409) it shows both values and lets the user choose.
 */
export function ActualEditor({
  idPrefix,
  year,
  quarter,
  unit,
  entry,
  lock,
  locale,
  onCancel,
  extraActions,
}: Props) {
  const { t } = useTranslation();
  const mutation = useSaveActualMutation();
  const [amount, setAmount] = useState(() => (entry ? formatAmountFull(entry.amount, locale) : ''));
  const [comment, setComment] = useState('');
  // The version this form's value is based on: advances with each save or "keep theirs".
  const [baseVersion, setBaseVersion] = useState(entry?.version ?? 0);
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [conflict, setConflict] = useState<PendingConflict | null>(null);
  const parsed = readAmountInput({ input: amount, locale, isOptional: false });
  const errorField = apiErrorField(mutation.error);
  const quarterLabel = formatQuarter(quarter, year, locale);
  const isLocked = lock !== undefined;

  function save(value: Amount, version: number) {
    mutation.mutate(
      { unitId: unit.id, year, quarter, amount: value, version, comment },
      {
        onSuccess: (saved) => {
          setBaseVersion(saved.version);
          setComment('');
        },
        onError: (error) => {
          const found = conflictOf<ActualEntryResponse>(error, isActualShape);
          if (found) setConflict({ mine: value, current: found.current });
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (isLocked || !parsed.ok || parsed.amount === null) return;
    save(parsed.amount, baseVersion);
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      {lock && (
        <p className="form-message form-message--locked">
          <LockIcon /> {t('forms.quarterLocked', { quarter: quarterLabel })}
        </p>
      )}
      <AmountField
        id={`${idPrefix}-amount`}
        label={t('forms.actual.amount')}
        value={amount}
        onChange={(value) => {
          setAmount(value);
          if (mutation.isSuccess) mutation.reset();
        }}
        parsed={parsed}
        locale={locale}
        isSubmitted={isSubmitted}
        hasApiError={isApiField(errorField, 'amount')}
        isDisabled={isLocked}
      />
      {!isLocked && (
        <CommentField id={`${idPrefix}-comment`} value={comment} onChange={setComment} />
      )}
      <div className="form-actions">
        {!isLocked && (
          <button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('forms.saving') : t('forms.actual.submit')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('myUnit.cancel')}
          </button>
        )}
        {extraActions}
      </div>
      {isSubmitted && !parsed.ok && (
        <p className="form-message form-message--error" role="alert">
          {t('forms.fixErrors')}
        </p>
      )}
      {mutation.isError && (
        <p className="form-message form-message--error" role="alert">
          {saveErrorMessage(mutation.error, t, locale)}
        </p>
      )}
      {mutation.isSuccess && (
        <p className="form-message form-message--success" role="status">
          {t('forms.actual.saved', { quarter: quarterLabel, unit: unit.name })}
        </p>
      )}
      {conflict && (
        <ConflictDialog
          changedBy={conflict.current?.updatedBy ?? null}
          changedAt={conflict.current?.updatedAt ?? null}
          rows={[
            {
              label: t('forms.actual.amount'),
              mine: formatAmountFull(conflict.mine, locale),
              theirs: formatAmountFull(conflict.current?.amount ?? null, locale),
            },
          ]}
          locale={locale}
          isPending={mutation.isPending}
          onUseMine={() => {
            const version = conflict.current?.version ?? 0;
            setConflict(null);
            setBaseVersion(version);
            save(conflict.mine, version);
          }}
          onKeepTheirs={() => {
            const current = conflict.current;
            setConflict(null);
            setBaseVersion(current?.version ?? 0);
            setAmount(current ? formatAmountFull(current.amount, locale) : '');
            mutation.reset();
          }}
          onClose={() => setConflict(null)}
        />
      )}
    </form>
  );
}

/** A padlock drawn in the text colour; always next to words, never alone. */
export function LockIcon() {
  return (
    <svg
      className="lock-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
      />
    </svg>
  );
}
