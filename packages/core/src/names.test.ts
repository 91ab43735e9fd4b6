import { describe, expect, it } from 'vitest';
import { findHiddenCharacter, foldForSearch, NO_HIDDEN_CHARACTER_PATTERN } from './names';

const pattern = new RegExp(`^${NO_HIDDEN_CHARACTER_PATTERN}$`, 'u');

describe('findHiddenCharacter', () => {
  it.each([
    ['a right-to-left override', 'Phòng \u202EAB', 6, 'U+202E'],
    ['a left-to-right isolate', 'TT\u2066-ATM', 2, 'U+2066'],
    ['a pop directional isolate', 'TT-ATM\u2069', 6, 'U+2069'],
    ['a zero-width space', 'TT-ATM\u200B', 6, 'U+200B'],
    ['a zero-width non-joiner', 'A\u200CB', 1, 'U+200C'],
    ['a zero-width joiner between letters', 'A\u200DB', 1, 'U+200D'],
    ['a word joiner', '\u2060Viện', 0, 'U+2060'],
    ['a byte-order mark', 'Viện\uFEFF', 4, 'U+FEFF'],
    ['a soft hyphen', 'An\u00ADtoàn', 2, 'U+00AD'],
    ['NUL', 'a\u0000', 1, 'U+0000'],
    ['a line feed', 'a\nb', 1, 'U+000A'],
    ['a tab', 'a\tb', 1, 'U+0009'],
    ['U+001F', '\u001F', 0, 'U+001F'],
    ['DEL', 'x\u007F', 1, 'U+007F'],
    ['a C1 control', 'x\u0085', 1, 'U+0085'],
    ['a lone surrogate', 'x\uD800', 1, 'U+D800'],
  ])('finds %s', (_label, text, index, label) => {
    expect(findHiddenCharacter(text)).toMatchObject({ index, label });
    expect(pattern.test(text)).toBe(false);
  });

  it.each([
    'Trung tâm An toàn Mỏ',
    'Công ty CP Phát triển Công nghệ & Thiết bị Mỏ',
    // Decomposed (NFD) Vietnamese: combining marks are letters' accents, not hidden.
    'Trung tâm An toàn Mỏ'.normalize('NFD'),
    'Viện Khoa học Công nghệ Mỏ – Vinacomin',
    'Nhóm 👩‍💻 Dữ liệu',
    'Nhóm 👩🏽‍💻',
    '🏳️‍🌈',
    'TT-ATM',
    '',
  ])('finds nothing in "%s"', (text) => {
    expect(findHiddenCharacter(text)).toBeNull();
    expect(pattern.test(text)).toBe(true);
  });

  it('refuses a joiner at either end of an emoji sequence', () => {
    expect(findHiddenCharacter('\u200D👩')).toMatchObject({ index: 0 });
    expect(findHiddenCharacter('👩\u200D')).toMatchObject({ index: 2 });
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Trung tâm An toàn Mỏ', 'trung tam an toan mo'],
    ['Phòng Địa chất', 'phong dia chat'],
    ['ĐỒNG', 'dong'],
    ['Công ty CP Tư vấn', 'cong ty cp tu van'],
    ['ữ ậ ẽ ỵ', 'u a e y'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('folds text written with combining marks (NFD) the same as precomposed text (NFC)', () => {
    const nfc = 'Trung tâm An toàn Mỏ';
    expect(foldForSearch(nfc.normalize('NFD'))).toBe(foldForSearch(nfc));
  });

  it('lets an unaccented query find an accented name, and đ match d', () => {
    expect(foldForSearch('Trung tâm An toàn Mỏ').includes(foldForSearch('an toan'))).toBe(true);
    expect(foldForSearch('Phòng Địa chất').includes(foldForSearch('dia'))).toBe(true);
    expect(foldForSearch('Phòng Địa chất').includes(foldForSearch('Địa'))).toBe(true);
    expect(foldForSearch('Phòng Kế toán').includes(foldForSearch('an toan'))).toBe(false);
  });
});
