import { fill, formatQuarter, type Locale, type Quarter, wordsFor } from '@targetline/core';

/**
 * The words of the exported files, from the one catalogue the web shows too (core's words),
 * with the quarter put in where a heading names one.
 */
export function labels(locale: Locale) {
  const words = wordsFor(locale).exports;
  return {
    ...words,
    review: (q: Quarter, y: number) => fill(words.review, { quarter: formatQuarter(q, y, locale) }),
    quarterVsTarget: (q: Quarter) =>
      fill(words.quarterVsTarget, { quarter: formatQuarter(q, undefined, locale) }),
  };
}
