/**
 * A zero-width joiner between two emoji, as in 👩‍💻 (with a skin tone or the emoji
 * presentation selector before it): the one format character a name may hold, since it only
 * joins pictures and cannot make one word look like another.
 */
const EMOJI_JOINER =
  '(?<=\\p{Extended_Pictographic}[\\p{Emoji_Modifier}\\uFE0F]?)\\u200D(?=\\p{Extended_Pictographic})';

/** Control (Cc), format (Cf) and lone surrogate (Cs) characters: none of them is seen. */
const HIDDEN = '[\\p{Cc}\\p{Cf}\\p{Cs}]';

/**
 * A JSON Schema pattern (ECMAScript with the `u` flag, as Ajv compiles it) of text with no
 * hidden character: no right-to-left override (U+202E) or isolate (U+2066–U+2069), no
 * zero-width space or joiner (U+200B–U+200D, U+2060, U+FEFF), no soft hyphen, no control
 * character (U+0000–U+001F, U+007F–U+009F). Such characters make a name look like another one
 * ("TT-ATM" and "TT-ATM\u200B") or reverse what follows them on screen.
 */
export const NO_HIDDEN_CHARACTER_PATTERN = `(?:(?!${HIDDEN})[\\s\\S]|${EMOJI_JOINER})*`;

const hiddenCharacter = new RegExp(`(?!${EMOJI_JOINER})${HIDDEN}`, 'u');

export type HiddenCharacter = {
  /** Index in the string (UTF-16 code units), as String#indexOf counts. */
  index: number;
  codePoint: number;
  /** "U+202E", as the Unicode charts write it. */
  label: string;
};

/** The first hidden character of `text` (see NO_HIDDEN_CHARACTER_PATTERN), or null when it has none. */
export function findHiddenCharacter(text: string): HiddenCharacter | null {
  const match = hiddenCharacter.exec(text);
  if (!match) return null;
  const codePoint = match[0].codePointAt(0) as number;
  return {
    index: match.index,
    codePoint,
    label: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
  };
}

/**
 * `text` as a search compares it: decomposed (NFD) with its combining marks removed, đ/Đ as d,
 * lower-cased — so "an toan" finds "Trung tâm An toàn Mỏ" and "dia chat" finds "Địa chất".
 * Vietnamese users often type without accents (or with a keyboard that has none), and "đ" is a
 * letter of its own, not a "d" with a mark, so NFD alone leaves it. Both sides of a comparison
 * must be folded; the result is for matching only, never for display.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
