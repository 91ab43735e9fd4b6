import { MAX_AMOUNT } from './money';
import type { Amount, Locale } from './types';

export type ParseAmountError = 'empty' | 'invalid' | 'negative' | 'fraction' | 'too_large';

export type ParseAmountResult =
  | { ok: true; amount: Amount }
  | { ok: false; error: ParseAmountError };

// Power of ten of each scale word, with and without diacritics as people type them.
const SCALE_EXPONENTS: Readonly<Record<string, number>> = {
  tỷ: 9,
  tỉ: 9,
  ty: 9,
  ti: 9,
  billion: 9,
  bn: 9,
  b: 9,
  triệu: 6,
  trieu: 6,
  tr: 6,
  million: 6,
  mn: 6,
  m: 6,
  nghìn: 3,
  nghin: 3,
  ngàn: 3,
  ngan: 3,
  thousand: 3,
  k: 3,
};

const CURRENCY_WORDS = ['đồng', 'dong', 'vnđ', 'vnd', 'đ', '₫'];

/** An alternation that tries longer words first, so "bn" is not read as "b" + "n". */
function alternation(words: readonly string[]): string {
  return [...words]
    .map((word) => word.normalize('NFC'))
    .sort((a, b) => b.length - a.length)
    .join('|');
}

const CURRENCY = `(?:${alternation(CURRENCY_WORDS)})`;
const SCALE = `(${alternation(Object.keys(SCALE_EXPONENTS))})`;
const SIGN = '([-−] ?)?';
// Whitespace is collapsed to single spaces first, so each optional space is one character and
// the pattern cannot backtrack badly on long input.
const AMOUNT_PATTERN = new RegExp(
  `^(${CURRENCY} ?)?${SIGN}(?:(${CURRENCY}) ?)?${SIGN}(\\d+(?:[., ]\\d+)*)(?: ?${SCALE})?( ?${CURRENCY})?$`,
  'u',
);

const CURRENCY_ONLY = new RegExp(`^${CURRENCY}$`, 'u');

const DECIMAL_MARK: Record<Locale, string> = { vi: ',', en: '.' };

/** A grouping is valid when the first group has 1–3 digits and every later one exactly 3. */
function isGrouping(groups: readonly string[]): boolean {
  const [first, ...rest] = groups;
  return (
    first !== undefined &&
    first.length >= 1 &&
    first.length <= 3 &&
    rest.every((group) => group.length === 3)
  );
}

/**
 * Splits "13.000.000,5" into integer and fraction digits, deciding which separator is the
 * decimal mark. Null when the separators cannot be read one way only.
 */
function splitDigits({
  number,
  hasScale,
  locale,
}: {
  number: string;
  hasScale: boolean;
  locale: Locale;
}): { integer: string; fraction: string } | null {
  const groups = number.split(/[., ]/u);
  const separators = number.match(/[., ]/gu) ?? [];
  const last = separators.at(-1);
  if (last === undefined) return { integer: number, fraction: '' };

  const marks = separators.filter((separator) => separator !== ' ');
  const hasDot = marks.includes('.');
  const hasComma = marks.includes(',');
  let isLastDecimal: boolean;
  if (hasDot && hasComma) {
    // Both marks: the last one is the decimal mark, and it may appear only once.
    isLastDecimal = last !== ' ' && marks.filter((mark) => mark === last).length === 1;
    if (!isLastDecimal) return null;
  } else if (marks.length === 1 && last !== ' ') {
    const first = groups[0] ?? '';
    const couldBeGrouping =
      separators.length === 1 && groups.at(-1)?.length === 3 && !first.startsWith('0');
    // "1.500" is fifteen hundred in both locales; with a scale word the locale decides
    // ("1,500 tỷ" is 1.5 tỷ in vi); otherwise ("1,5", "1.5 tỷ") it cannot be a grouping.
    isLastDecimal = couldBeGrouping ? hasScale && last === DECIMAL_MARK[locale] : true;
  } else {
    isLastDecimal = false;
  }

  const integerGroups = isLastDecimal ? groups.slice(0, -1) : groups;
  const groupingSeparators = new Set(isLastDecimal ? separators.slice(0, -1) : separators);
  if (groupingSeparators.size > 1) return null;
  if (integerGroups.length > 1 && !isGrouping(integerGroups)) return null;
  return { integer: integerGroups.join(''), fraction: isLastDecimal ? (groups.at(-1) ?? '') : '' };
}

/**
 * Reads an amount as people type it: "25 tỷ", "25tỷ", "500tr", "13.000.000.000 đồng",
 * "VND 13.5 bn", "13,5 tỷ" (vi). Text is NFC-normalised, trimmed and case-insensitive. In vi ","
 * is the decimal mark and in en "."; with both, the last one is; a single separator before
 * exactly three digits without a scale word groups thousands ("1.500" = 1500 in both).
 * Errors: blank or a currency word alone → 'empty'; a leading minus (even "-0") → 'negative'; less than a whole đồng
 * ("1,5" without scale) → 'fraction'; above MAX_AMOUNT → 'too_large'; anything else → 'invalid'.
 * Computed on digit strings, never with float multiplication.
 */
export function parseAmount(input: string, locale: Locale): ParseAmountResult {
  const text = input.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
  if (text === '') return { ok: false, error: 'empty' };

  // A currency word alone ("đồng") carries no figure: treat it as blank, not as a typo.
  if (CURRENCY_ONLY.test(text)) return { ok: false, error: 'empty' };
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return { ok: false, error: 'invalid' };
  const [, leadingCurrency, signBefore, middleCurrency, signAfter, number, scale, trailing] = match;
  const currencies = [leadingCurrency, middleCurrency, trailing].filter((c) => c !== undefined);
  if (currencies.length > 1 || (signBefore !== undefined && signAfter !== undefined)) {
    return { ok: false, error: 'invalid' };
  }
  if (number === undefined) return { ok: false, error: 'invalid' };

  const digits = splitDigits({ number, hasScale: scale !== undefined, locale });
  if (digits === null) return { ok: false, error: 'invalid' };
  if (signBefore !== undefined || signAfter !== undefined) return { ok: false, error: 'negative' };

  const exponent = scale === undefined ? 0 : (SCALE_EXPONENTS[scale] ?? 0);
  const fraction = digits.fraction.replace(/0+$/u, '');
  if (fraction.length > exponent) return { ok: false, error: 'fraction' };

  const whole = `${digits.integer}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/u, '');
  // 16 digits and fewer are compared as numbers; MAX_AMOUNT itself has 16.
  if (whole.length > String(MAX_AMOUNT).length) return { ok: false, error: 'too_large' };
  const amount = Number(whole);
  if (amount > MAX_AMOUNT) return { ok: false, error: 'too_large' };
  return { ok: true, amount };
}
