import { describe, expect, it } from 'vitest';
import { fill, WORDS } from '.';

/** Every leaf of the catalogue as [key, text]. */
function leaves(value: object, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, child]): [string, string][] =>
    typeof child === 'object' && child !== null
      ? leaves(child, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(child)]],
  );
}
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the catalogue of words', () => {
  const vi = new Map(leaves(WORDS.vi));
  const en = new Map(leaves(WORDS.en));

  it('has every key in both languages', () => {
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('has the same placeholders in both languages, and no empty text', () => {
    for (const [key, text] of en) {
      expect(placeholders(vi.get(key) ?? ''), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(vi.get(key)?.trim(), key).not.toBe('');
    }
  });

  it('uses the glossary words in Vietnamese, on screen and in the exported files', () => {
    for (const section of [WORDS.vi.table, WORDS.vi.exports]) {
      expect(section.annualPlan).toBe('Kế hoạch năm');
      expect(section.actual).toBe('Thực hiện');
      expect(section.ytdActual).toBe('Lũy kế từ đầu năm');
      expect(section.achieved).toBe('% hoàn thành');
    }
  });
});

describe('fill', () => {
  it('puts the values in, as i18next does, and leaves a missing one visible', () => {
    expect(fill('Sơ kết {{quarter}}', { quarter: 'Quý I/2023' })).toBe('Sơ kết Quý I/2023');
    expect(fill('{{ a }} và {{b}}', { a: 1 })).toBe('1 và {{b}}');
  });
});
