import { type Static, Type } from 'typebox';
import { NullableAmount, Quarter, Ratio, Year } from './common';
import { UnitSchema } from './units';

export const SummaryQuery = Type.Object(
  {
    year: Year,
    /** The "as of" quarter; default: the latest with any actual. */
    asOf: Type.Optional(Quarter),
  },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof SummaryQuery>;

const Status = Type.Unsafe<'on_track' | 'at_risk' | 'behind' | null>({
  type: ['string', 'null'],
  enum: ['on_track', 'at_risk', 'behind', null],
});

const Analysis = Type.Object({
  asOfQuarter: Quarter,
  ytdActual: NullableAmount,
  expectedToDate: NullableAmount,
  pace: Ratio,
  status: Status,
  stillNeeded: NullableAmount,
  neededPerQuarter: NullableAmount,
  runRateForecast: NullableAmount,
  targetProfileForecast: NullableAmount,
});

export const ThresholdsSchema = Type.Object({
  onTrack: Type.Number({ minimum: 0, maximum: 10 }),
  atRisk: Type.Number({ minimum: 0, maximum: 10 }),
});

const QuarterSummary = Type.Object({
  quarter: Quarter,
  target: NullableAmount,
  actual: NullableAmount,
  achieved: Ratio,
});
export type QuarterSummary = Static<typeof QuarterSummary>;

/** Q1..Q4, always four: typed as a tuple so that `quarters[0]` is a quarter, not maybe one. */
const FourQuarters = Type.Unsafe<[QuarterSummary, QuarterSummary, QuarterSummary, QuarterSummary]>(
  Type.Array(QuarterSummary, { minItems: 4, maxItems: 4 }),
);

export const SummarySchema = Type.Object({
  year: Type.Integer(),
  currency: Type.Literal('VND'),
  asOfQuarter: Type.Unsafe<1 | 2 | 3 | 4 | null>({ type: ['integer', 'null'] }),
  units: Type.Array(
    Type.Object({
      unitId: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      parentId: Type.Union([Type.Integer(), Type.Null()]),
      kind: UnitSchema.properties.kind,
      depth: Type.Integer(),
      annualPlan: NullableAmount,
      ytdActual: NullableAmount,
      achieved: Ratio,
      quarters: FourQuarters,
      originalPlan: NullableAmount,
      achievedVsOriginal: Ratio,
      analysis: Analysis,
      previousPace: Ratio,
      paceChange: Type.Unsafe<number | null>({ type: ['number', 'null'] }),
      lastYear: Type.Object({
        sameQuarterActual: NullableAmount,
        sameQuarterGrowth: Type.Unsafe<number | null>({ type: ['number', 'null'] }),
        ytdActual: NullableAmount,
        ytdGrowth: Type.Unsafe<number | null>({ type: ['number', 'null'] }),
      }),
      unallocated: Type.Unsafe<number | null>({
        type: ['integer', 'null'],
        description: "The unit's own plan minus its children's; negative when over-allocated",
      }),
    }),
  ),
  selectedQuarter: Quarter,
  thresholds: ThresholdsSchema,
});
/** Every unit's plan, targets, actuals, achievement, pace and forecasts for a year, rolled up. */
export type Summary = Static<typeof SummarySchema>;
/** One unit of the summary, depth-first from the root. */
export type SummaryUnit = Summary['units'][number];

export const HistorySchema = Type.Array(
  Type.Object({
    year: Type.Integer(),
    annualPlan: NullableAmount,
    originalPlan: NullableAmount,
    ytdActual: NullableAmount,
    achieved: Ratio,
    quarters: Type.Array(QuarterSummary, { minItems: 4, maxItems: 4 }),
  }),
);
/** One year of a unit's figures, rolled up (oldest year first). */
export type UnitHistoryYear = Static<typeof HistorySchema>[number];
