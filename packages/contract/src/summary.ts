import { type Static, Type } from 'typebox';
import { NullableAmount, Quarter, Ratio, Year } from './common';
import { UnitSchema } from './units';

export const SummaryQuery = Type.Object(
  {
    year: Year,
    /**
     * The "as of" quarter; default: by the as-of rule (the latest quarter whose review round
     * is complete, else the latest every reporting unit has reported; see `asOfRule`). A
     * partly reported quarter may be asked for: its KPIs then say which units are missing.
     */
    asOf: Type.Optional(Quarter),
  },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof SummaryQuery>;

const Status = Type.Unsafe<'on_track' | 'at_risk' | 'behind' | null>({
  type: ['string', 'null'],
  enum: ['on_track', 'at_risk', 'behind', null],
});

const UnitIds = Type.Array(Type.Integer(), {
  description: 'Ids of the reporting units without a figure, depth-first',
});

const AchievedVsAssigned = Type.Unsafe<number | null>({
  ...Ratio,
  description:
    'Year-to-date actual / the plan the parent group assigned (kế hoạch Tập đoàn giao); null where that plan is 0 or not set',
});

const Analysis = Type.Object({
  asOfQuarter: Quarter,
  ytdActual: NullableAmount,
  achieved: Ratio,
  achievedVsAssigned: AchievedVsAssigned,
  partialQuarters: Type.Array(Quarter, {
    description: 'Quarters up to asOf in which a reporting unit of the subtree has no figure',
  }),
  missingUnitIds: UnitIds,
  unavailableReason: Type.Unsafe<'partly_reported' | null>({
    type: ['string', 'null'],
    enum: ['partly_reported', null],
    description:
      'Why pace, status, stillNeeded, neededPerQuarter and the forecasts are null: partly_reported where computing them would count the missing figures as zero',
  }),
  isEstimate: Type.Boolean({ description: 'A figure up to asOf is an estimate, not final' }),
  expectedToDate: NullableAmount,
  pace: Ratio,
  status: Status,
  stillNeeded: NullableAmount,
  neededPerQuarter: NullableAmount,
  runRateForecast: NullableAmount,
  targetProfileForecast: NullableAmount,
});

const Mape = Type.Unsafe<number | null>({
  type: ['number', 'null'],
  minimum: 0,
  description:
    'Mean absolute percentage error of the year-end forecast over the earlier years (0.1 = 10%); null where the method had no case',
});

/** The unit's seasonal forecast, what each forecast assumes and how each did on earlier years. */
const Forecasts = Type.Object({
  seasonal: Type.Unsafe<number | null>({
    type: ['integer', 'null'],
    minimum: 0,
    description:
      "Year-end if the year keeps the seasons of the unit's earlier complete years; null without one, or where partly reported",
  }),
  shares: Type.Unsafe<[number, number, number, number] | null>({
    anyOf: [
      {
        type: 'array',
        items: { type: 'number', minimum: 0 },
        minItems: 4,
        maxItems: 4,
      },
      { type: 'null' },
    ],
    description:
      "Each quarter's average share of the year over the earlier complete years (for phasing targets); null without one",
  }),
  assumptions: Type.Object(
    {
      runRate: Type.Object({
        method: Type.Literal('run_rate'),
        quarters: Type.Integer({ description: 'Quarters whose average each remaining one brings' }),
      }),
      targetProfile: Type.Object({
        method: Type.Literal('target_profile'),
        quartersAtTarget: Type.Array(Quarter, {
          description: 'Remaining quarters taken at their target',
        }),
        quartersAtPlanShare: Type.Array(Quarter, {
          description: 'Remaining quarters without a target, taken as a quarter of the annual plan',
        }),
      }),
      seasonal: Type.Object({
        method: Type.Literal('seasonal'),
        years: Type.Array(Type.Integer(), {
          description: 'The earlier years whose seasons are averaged; empty: none usable',
        }),
      }),
    },
    { description: 'What each year-end forecast assumes' },
  ),
  backtest: Type.Object({ run_rate: Mape, target_profile: Mape, seasonal: Mape }),
  best: Type.Unsafe<'run_rate' | 'target_profile' | 'seasonal' | null>({
    type: ['string', 'null'],
    enum: ['run_rate', 'target_profile', 'seasonal', null],
    description:
      'The method with the lowest backtest error (ties: run_rate, target_profile, seasonal); null where none had a case',
  }),
});

export const ThresholdsSchema = Type.Object({
  onTrack: Type.Number({ minimum: 0, maximum: 10 }),
  atRisk: Type.Number({ minimum: 0, maximum: 10 }),
});

/** Who has reported a quarter, of a unit's subtree or of the whole organisation. */
const completeness = {
  expectedUnits: Type.Integer({
    minimum: 0,
    description: 'Reporting units (own plan for the year, no planned unit below)',
  }),
  reportedUnits: Type.Integer({ minimum: 0, description: 'Of those, how many have a figure' }),
  missingUnitIds: UnitIds,
  isEstimate: Type.Boolean({ description: 'A figure of the quarter is an estimate, not final' }),
};

const QuarterSummary = Type.Object({
  quarter: Quarter,
  target: NullableAmount,
  actual: NullableAmount,
  achieved: Ratio,
  ...completeness,
});
export type QuarterSummary = Static<typeof QuarterSummary>;

/** The whole organisation's reporting of one quarter. */
const QuarterReporting = Type.Object({ quarter: Quarter, ...completeness });
export type QuarterReporting = Static<typeof QuarterReporting>;

/** Q1..Q4, always four: typed as a tuple so that `quarters[0]` is a quarter, not maybe one. */
const FourQuarters = Type.Unsafe<[QuarterSummary, QuarterSummary, QuarterSummary, QuarterSummary]>(
  Type.Array(QuarterSummary, { minItems: 4, maxItems: 4 }),
);

export const SummarySchema = Type.Object({
  year: Type.Integer(),
  currency: Type.Literal('VND'),
  asOfQuarter: Type.Unsafe<1 | 2 | 3 | 4 | null>({ type: ['integer', 'null'] }),
  asOfRule: Type.Unsafe<
    'round_complete' | 'all_reported' | 'none_complete' | 'latest_entry' | 'nothing_entered'
  >({
    type: 'string',
    enum: ['round_complete', 'all_reported', 'none_complete', 'latest_entry', 'nothing_entered'],
    description: 'Which branch of the as-of rule chose asOfQuarter',
  }),
  reporting: Type.Unsafe<[QuarterReporting, QuarterReporting, QuarterReporting, QuarterReporting]>(
    Type.Array(QuarterReporting, { minItems: 4, maxItems: 4 }),
  ),
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
      assignedPlan: Type.Unsafe<number | null>({
        ...NullableAmount,
        description:
          "The plan the parent group assigned (kế hoạch Tập đoàn giao), rolled up as annualPlan is (the unit's own where it has a plan, else its children's sum); null where none is set",
      }),
      achievedVsAssigned: AchievedVsAssigned,
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
        quarterActuals: Type.Array(NullableAmount, {
          minItems: 4,
          maxItems: 4,
          description:
            "Each quarter's actual a year earlier; null where there is none or it was not all in",
        }),
      }),
      unallocated: Type.Unsafe<number | null>({
        type: ['integer', 'null'],
        description: "The unit's own plan minus its children's; negative when over-allocated",
      }),
      forecasts: Forecasts,
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
