import { type Static, Type } from 'typebox';
import { ExpectedVersion, Quarter, UnitId, Year } from './common';
import { ErrorBody } from './errors';

/** Issues listed in one answer; `issueCount` has them all. */
export const MAX_LISTED_ISSUES = 200;

export const ImportQuery = Type.Object(
  {
    mode: Type.Union([Type.Literal('dry-run'), Type.Literal('apply')]),
    lang: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuery>;
export type ImportMode = ImportQuery['mode'];

/** The template to fill in: CSV bytes. */
export const TemplateSchema = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' });

/** A row the import refuses; `row` is the spreadsheet's row number (1 = the header). */
const Issue = Type.Object({ row: Type.Integer(), column: Type.String(), reason: Type.String() });
export type ImportIssue = Static<typeof Issue>;

/**
 * A figure the import would write (dry run) or wrote (apply), in integer đồng: `quarter` null
 * for an annual plan, `kind` plan, target or actual, `old` null where there was none.
 */
const Change = Type.Object({
  row: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  year: Type.Integer(),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String(),
  old: Type.Union([Type.Integer(), Type.Null()]),
  new: Type.Integer(),
});
export type ImportChange = Static<typeof Change>;

const BasisFigure = Type.Object(
  {
    kind: Type.Union([Type.Literal('plan'), Type.Literal('actual')]),
    unitId: UnitId,
    year: Year,
    quarter: Type.Union([Quarter, Type.Null()], { description: 'null for a plan' }),
    version: ExpectedVersion,
  },
  { additionalProperties: false },
);
/** A figure the file touches with the version the dry run saw (0: not there yet). */
export type ImportBasisEntry = Static<typeof BasisFigure>;

export const Basis = Type.Array(BasisFigure, {
  description:
    'Every figure the file touches, changed or not, with the version the dry run planned against (0: not there yet). A plan and its quarter targets are one figure. The apply sends it back as the multipart field "basis" (JSON text), before the file.',
});

const IssueList = {
  issues: Type.Array(Issue, { description: `The first ${MAX_LISTED_ISSUES} problems, by row` }),
  issueCount: Type.Integer({ description: 'How many problems there are in all' }),
};

export const ImportResultSchema = Type.Object({
  mode: ImportQuery.properties.mode,
  isApplied: Type.Boolean(),
  fileName: Type.String(),
  ...IssueList,
  changes: Type.Array(Change),
  /** Rows whose figure is already the same. */
  unchanged: Type.Integer(),
  basis: Basis,
});
export type ImportResult = Static<typeof ImportResultSchema>;

/** A row of the file whose figure someone else changed after the dry run. */
const Moved = Type.Object({
  row: Type.Integer(),
  unitCode: Type.String(),
  year: Type.Integer(),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.String({ description: "plan, target or actual: the row's type" }),
});
export type ImportMovedRow = Static<typeof Moved>;

/** 400 import_invalid and 403: the error, with the rows at fault. */
export const ImportRefusal = Type.Object({
  ...ErrorBody.properties,
  issues: Type.Optional(IssueList.issues),
  issueCount: Type.Optional(IssueList.issueCount),
});
export type ImportRefusal = Static<typeof ImportRefusal>;

/** 409: the rows whose figures changed since the dry run. */
export const ImportConflict = Type.Object({
  ...ErrorBody.properties,
  moved: Type.Optional(
    Type.Array(Moved, {
      description: 'The rows whose figure changed since the dry run (on field basis)',
    }),
  ),
});
export type ImportConflict = Static<typeof ImportConflict>;
