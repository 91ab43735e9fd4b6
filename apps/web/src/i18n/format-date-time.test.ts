import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format-date-time';

describe('formatDateTime', () => {
  it('writes Vietnamese time first, then day/month/year', () => {
    expect(formatDateTime('2023-04-20T07:05:00Z', 'vi', 'Asia/Ho_Chi_Minh')).toBe(
      '14:05 20/04/2023',
    );
  });

  it('writes English with a month name', () => {
    expect(formatDateTime('2023-04-20T07:05:00Z', 'en', 'Asia/Ho_Chi_Minh')).toBe(
      '20 Apr 2023, 14:05',
    );
  });

  it('writes Vietnam time by default, whatever time zone the browser is in', () => {
    // 23:30 UTC is already the next morning in Hà Nội (UTC+7).
    expect(formatDateTime('2023-04-20T23:30:00Z', 'vi')).toBe('06:30 21/04/2023');
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});

describe('formatDate', () => {
  it('writes a deadline day as each language writes dates, whatever the reader’s time zone', () => {
    expect(formatDate('2023-07-10', 'vi')).toBe('10/07/2023');
    expect(formatDate('2023-07-10', 'en')).toBe('10 Jul 2023');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
  });
});
