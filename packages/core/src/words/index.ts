import type { Locale } from '../types';
import { en, type Messages } from './en';
import { vi } from './vi';

export type { Messages };

/**
 * Every word Targetline shows or writes, in each language: the web's screens (its i18next
 * resources) and what the server writes — the headings of the exported files, the import's
 * messages. One catalogue, in the organisation's words (shared/GLOSSARY.md); the type of the
 * English one is what every language must match.
 */
export const WORDS: Readonly<Record<Locale, Messages>> = { vi, en };

/** The catalogue of one language. */
export const wordsFor = (locale: Locale): Messages => WORDS[locale];

/**
 * A template with its `{{name}}` placeholders filled in, as i18next fills them in the web.
 * A placeholder without a value is left as it is, so a missing one shows rather than hides.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
