import type { ActualRecord, QuarterLock } from '@targetline/contract';
import {
  type Amount,
  formatAmountFull,
  formatQuarter,
  type Locale,
  type Quarter,
} from '@targetline/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveActualMutation } from '../api/hooks';
import { AmountField } from '../ui/fields/AmountField';
import { readAmountInput } from '../ui/fields/amount-input';
import { apiErrorField, isApiField } from '../ui/fields/api-field';
import { CommentField } from '../ui/fields/CommentField';
import { saveErrorMessage } from '../ui/fields/save-error';
import { ConflictDialog } from './ConflictDialog';
import { useConflictResolution } from './use-conflict-resolution';

type Props = {
  idPrefix: string;
  year: number;
  quarter: Quarter;
  unit: { id: number; name: string };
  /** The unit's own entered actual for the quarter; undefined when none exists yet. */
  entry: ActualRecord | undefined;
  /** Set when the quarter is locked: the figure can be read, not saved. */
  lock: QuarterLock | undefined;
  locale: Locale;
  /** Shown beside Save in an inline editor. */
  onCancel?: (() => void) | undefined;
  /** Extra controls after Save (e.g. the history button). */
  extraActions?: ReactNode;
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
  const [isSubmitted, setIsSubmitted] = useState(false);
  const resolution = useConflictResolution<Amount, ActualRecord>({
    initialVersion: entry?.version ?? 0,
    isCurrentShape: isActualShape,
    save,
    fillWithTheirs: (current) => setAmount(current ? formatAmountFull(current.amount, locale) : ''),
    resetSave: () => mutation.reset(),
  });
  const parsed = readAmountInput({ input: amount, locale, isOptional: false });
  const errorField = apiErrorField(mutation.error);
  const quarterLabel = formatQuarter(quarter, year, locale);
  const isLocked = lock !== undefined;

  function save(value: Amount, version: number) {
    mutation.mutate(
      { unitId: unit.id, year, quarter, amount: value, version, comment },
      {
        onSuccess: (saved) => {
          resolution.onSaved(saved.version);
          setComment('');
        },
        onError: (error) => resolution.onSaveError(error, value),
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (isLocked || !parsed.ok || parsed.amount === null) return;
    save(parsed.amount, resolution.baseVersion);
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
      {resolution.conflict && (
        <ConflictDialog
          {...resolution.dialogProps(resolution.conflict)}
          rows={[
            {
              label: t('forms.actual.amount'),
              mine: formatAmountFull(resolution.conflict.mine, locale),
              theirs: formatAmountFull(resolution.conflict.current?.amount ?? null, locale),
            },
          ]}
          locale={locale}
          isPending={mutation.isPending}
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
