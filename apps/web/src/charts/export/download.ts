import type { Locale, Quarter } from '@targetline/core';
import { slugify } from './text';

// Firefox and Safari start the download after click() returns; revoking at once can cancel it.
const REVOKE_AFTER_MS = 10_000;

/** Saves `blob` under `fileName` through a temporary <a download>. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

const DEFAULT_CHART_NAME: Record<Locale, string> = {
  vi: 'Tỷ lệ hoàn thành',
  en: 'Achievement rate',
};

export type ExportFileNameInput = {
  kind: 'png' | 'svg';
  year: number;
  /** The last quarter shown; null for a whole-year view. */
  quarter: Quarter | null;
  locale: Locale;
  /** Defaults to the achievement chart's name in `locale`. */
  chartName?: string;
};

/**
 * ASCII file name without diacritics, because a name like "Tỷ lệ.png" arrives mangled on
 * USB sticks, e-mail gateways and old Windows shares: `targetline-2023-q1-ty-le-hoan-thanh.png`.
 */
export function exportFileName({
  kind,
  year,
  quarter,
  locale,
  chartName,
}: ExportFileNameInput): string {
  const parts = ['targetline', String(year)];
  if (quarter !== null) parts.push(`q${quarter}`);
  const slug = slugify(chartName ?? DEFAULT_CHART_NAME[locale]);
  if (slug !== '') parts.push(slug);
  return `${parts.join('-')}.${kind}`;
}
