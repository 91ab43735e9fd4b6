import { type Amount, type Locale, parseAmount } from '@targetline/core';

export type AmountErrorCode = 'empty' | 'invalid' | 'negative' | 'fraction' | 'too_large';

export type AmountInput =
  | { ok: true; amount: Amount | null }
  | { ok: false; error: AmountErrorCode };

/**
 * Reads a form's amount text with core's parser ("25 tỷ", "13.000.000.000").
 * An empty optional field is `null` (no figure), an empty required one an error.
 */
export function readAmountInput({
  input,
  locale,
  isOptional,
}: {
  input: string;
  locale: Locale;
  isOptional: boolean;
}): AmountInput {
  if (isOptional && input.trim() === '') return { ok: true, amount: null };
  const parsed = parseAmount(input, locale);
  return parsed.ok ? { ok: true, amount: parsed.amount } : { ok: false, error: parsed.error };
}
