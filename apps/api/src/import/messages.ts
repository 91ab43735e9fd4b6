import { fill, type Locale, wordsFor } from '@targetline/core';

/** The first rows of a list, for a message: a refusal of 100,000 rows stays one line. */
const rowList = (rows: readonly number[]) =>
  rows.length > 10 ? `${rows.slice(0, 10).join(', ')}, …` : rows.join(', ');

/**
 * The import's refusals of a whole request, in the importer's language (the `lang` of the
 * request, as the row issues and the file messages are), from the one catalogue of words:
 * the web shows them as they come.
 */
function messagesOf(locale: Locale) {
  const w = wordsFor(locale).importRequest;
  return {
    mayNotImport: w.mayNotImport,
    notMultipart: w.notMultipart,
    unknownField: (name: string) => fill(w.unknownField, { name }),
    basisRequired: w.basisRequired,
    basisTooLarge: (mb: number) => fill(w.basisTooLarge, { mb }),
    basisInvalid: (where: string) => fill(w.basisInvalid, { where }),
    basisMismatch: w.basisMismatch,
    moved: (rows: readonly number[]) => fill(w.moved, { rows: rowList(rows) }),
    changedMeanwhile: w.changedMeanwhile,
    forbiddenRows: (rows: readonly number[]) => fill(w.forbiddenRows, { rows: rowList(rows) }),
    invalid: (n: number) => fill(w.invalid, { n }),
  };
}

const MESSAGES = { vi: messagesOf('vi'), en: messagesOf('en') } as const;

export const importRequestMessages = (locale: Locale) => MESSAGES[locale];
