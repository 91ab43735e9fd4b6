import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBlob, exportFileName } from './download';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('exportFileName', () => {
  it('names the file by year, quarter and chart, in ASCII', () => {
    expect(exportFileName({ kind: 'png', year: 2023, quarter: 1, locale: 'vi' })).toBe(
      'targetline-2023-q1-ty-le-hoan-thanh.png',
    );
    expect(exportFileName({ kind: 'svg', year: 2024, quarter: 4, locale: 'en' })).toBe(
      'targetline-2024-q4-achievement-rate.svg',
    );
  });

  it('strips diacritics from a chart name, đ included', () => {
    expect(
      exportFileName({
        kind: 'png',
        year: 2023,
        quarter: 2,
        locale: 'vi',
        chartName: 'Doanh thu Quý theo đơn vị',
      }),
    ).toBe('targetline-2023-q2-doanh-thu-quy-theo-don-vi.png');
  });

  it('leaves the quarter out for a whole-year view', () => {
    expect(exportFileName({ kind: 'png', year: 2023, quarter: null, locale: 'vi' })).toBe(
      'targetline-2023-ty-le-hoan-thanh.png',
    );
  });
});

describe('downloadBlob', () => {
  it('clicks a temporary download link and revokes its URL later, not at once', () => {
    vi.useFakeTimers();
    const createObjectURL = vi.fn(() => 'blob:test/1');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL }));
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    const blob = new Blob(['x'], { type: 'image/png' });
    downloadBlob(blob, 'targetline-2023-q1-ty-le-hoan-thanh.png');

    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('targetline-2023-q1-ty-le-hoan-thanh.png');
    expect(clicked[0]?.href).toBe('blob:test/1');
    expect(document.querySelector('a')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });
});
