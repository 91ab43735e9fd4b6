import type { Locale } from './types';
import { fill, wordsFor } from './words';

/**
 * What an import reports, in the language of the person importing: the same words the
 * import page and the organisation's reports use (GLOSSARY.md), from the one catalogue.
 */
function messagesOf(locale: Locale) {
  const w = wordsFor(locale).importRows;
  return {
    unknownColumn: (columns: string) => fill(w.unknownColumn, { columns }),
    duplicateColumn: () => w.duplicateColumn,
    missingColumn: () => w.missingColumn,
    formula: () => w.formula,
    unitCodeRequired: () => w.unitCodeRequired,
    yearRequired: () => w.yearRequired,
    typeRequired: () => w.typeRequired,
    planHasNoQuarter: () => w.planHasNoQuarter,
    quarterRequired: () => w.quarterRequired,
    amountRange: () => w.amountRange,
    amountEmpty: () => w.amountEmpty,
    amountInvalid: () => w.amountInvalid,
    amountNegative: () => w.amountNegative,
    amountFraction: () => w.amountFraction,
    amountTooLarge: () => w.amountTooLarge,
    sameFigure: (row: number) => fill(w.sameFigure, { row }),
    noRows: () => w.noRows,
    unknownUnit: (code: string) => fill(w.unknownUnit, { code }),
    notYourUnit: (code: string) => fill(w.notYourUnit, { code }),
    plansOnly: () => w.plansOnly,
    locked: (quarter: string, by: string, at: string) => fill(w.locked, { quarter, by, at }),
    noAnnualPlan: (code: string, year: number) => fill(w.noAnnualPlan, { code, year }),
    reportSubmitted: (code: string, quarter: string) => fill(w.reportSubmitted, { code, quarter }),
  };
}

export type ImportMessages = ReturnType<typeof messagesOf>;

const MESSAGES: Readonly<Record<Locale, ImportMessages>> = {
  vi: messagesOf('vi'),
  en: messagesOf('en'),
};

/** The import's messages in one language. */
export const importMessages = (locale: Locale): ImportMessages => MESSAGES[locale];
