import { formatAmountFull, type Locale, MAX_AMOUNT } from '@targetline/core';
import { useTranslation } from 'react-i18next';
import type { AmountInput } from './amount-input';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The parse of `value`, done by the form that submits it. */
  parsed: AmountInput;
  locale: Locale;
  isOptional?: boolean;
  /** Show "empty" errors too (after a submit attempt); other errors show as you type. */
  isSubmitted: boolean;
  /** The API rejected this field on the last save. */
  hasApiError?: boolean;
  isDisabled?: boolean;
  /** Show how to type an amount while the field is empty (off for a row of similar fields). */
  hasExample?: boolean;
};

/** A text field for an amount of money that shows what it was read as. */
export function AmountField({
  id,
  label,
  value,
  onChange,
  parsed,
  locale,
  isOptional = false,
  isSubmitted,
  hasApiError = false,
  isDisabled = false,
  hasExample = true,
}: Props) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const isErrorShown = !parsed.ok && (parsed.error !== 'empty' || isSubmitted);
  const isInvalid = isErrorShown || hasApiError;

  let hint = '';
  if (!parsed.ok && isErrorShown) {
    hint = t(`forms.errors.${parsed.error}`, { max: formatAmountFull(MAX_AMOUNT, locale) });
  } else if (parsed.ok && parsed.amount !== null) {
    hint = t('forms.parsed', { amount: formatAmountFull(parsed.amount, locale) });
  } else if (hasExample) {
    hint = t('forms.amountHint');
  }

  return (
    <div className={isInvalid ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {isOptional && <span className="field__optional"> ({t('forms.optional')})</span>}
      </label>
      <input
        id={id}
        type="text"
        // The full keyboard: amounts are typed as people say them ("25 tỷ"), and a phone's
        // decimal pad has no letters.
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={isInvalid}
        aria-describedby={hint ? hintId : undefined}
        disabled={isDisabled}
      />
      {hint && (
        <p id={hintId} className={isErrorShown ? 'field__hint field__hint--error' : 'field__hint'}>
          {hint}
        </p>
      )}
    </div>
  );
}
