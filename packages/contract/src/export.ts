import { type Static, Type } from 'typebox';
import { Quarter, Year } from './common';
import { errorResponses } from './errors';

const Lang = Type.Union([Type.Literal('vi'), Type.Literal('en')], { default: 'vi' });
const Years = Type.Array(Year, { minItems: 1, maxItems: 50 });

/** A file to download: bytes, not JSON. */
export const FileSchema = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'The file',
});

/** What every export answers. */
export const fileResponses = { 200: FileSchema, ...errorResponses };

/** Repeat `year=` for one sheet per year. */
export const WorkbookQuery = Type.Object(
  { year: Years, lang: Type.Optional(Lang) },
  { additionalProperties: false },
);
export type WorkbookQuery = Static<typeof WorkbookQuery>;

export const SummaryCsvQuery = Type.Object(
  { year: Year, lang: Type.Optional(Lang) },
  { additionalProperties: false },
);
export type SummaryCsvQuery = Static<typeof SummaryCsvQuery>;

export const EntriesCsvQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type EntriesCsvQuery = Static<typeof EntriesCsvQuery>;

export const DeckQuery = Type.Object(
  { year: Year, quarter: Quarter, lang: Type.Optional(Lang) },
  { additionalProperties: false },
);
export type DeckQuery = Static<typeof DeckQuery>;

/** The quarterly review's Word report: the quarter, and the language it is written in. */
export const ReviewReportQuery = Type.Object(
  { year: Year, quarter: Quarter, lang: Type.Optional(Lang) },
  { additionalProperties: false },
);
export type ReviewReportQuery = Static<typeof ReviewReportQuery>;
