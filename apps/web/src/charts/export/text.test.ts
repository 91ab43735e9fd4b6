import { describe, expect, it } from 'vitest';
import { escapeXml, slugify } from './text';

describe('slugify', () => {
  it('strips Vietnamese diacritics to plain ASCII', () => {
    expect(slugify('Quý')).toBe('quy');
    expect(slugify('Tỷ lệ hoàn thành')).toBe('ty-le-hoan-thanh');
    expect(slugify('Người ước lượng')).toBe('nguoi-uoc-luong');
  });

  it('maps đ and Đ to d, which NFD does not decompose', () => {
    expect(slugify('đ')).toBe('d');
    expect(slugify('Đơn vị')).toBe('don-vi');
  });

  it('collapses punctuation and spaces into single dashes', () => {
    expect(slugify('  Quý I/2023 · (dự kiến)  ')).toBe('quy-i-2023-du-kien');
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a & 'b' "c">`)).toBe('&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;');
  });

  it('returns NFC', () => {
    expect(escapeXml('Quý'.normalize('NFD'))).toBe('Quý'.normalize('NFC'));
  });

  it('drops control characters and lone surrogates but keeps tabs, newlines and emoji', () => {
    expect(escapeXml('a\u0000b\u001bc\ud800d\te\nf😀')).toBe('abcd\te\nf😀');
  });
});
