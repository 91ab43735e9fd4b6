import { Type } from 'typebox';
import { Amount, Comment, ExpectedVersion, NullableAmount, Quarter, UnitId, Year } from './common';

const QuarterTargets = Type.Unsafe<[number | null, number | null, number | null, number | null]>({
  type: 'array',
  items: NullableAmount,
  minItems: 4,
  maxItems: 4,
  description: 'Targets for Q1..Q4; null where a quarter has none',
});

export const PlanParams = Type.Object(
  { unitId: UnitId, year: Year },
  { additionalProperties: false },
);

export const PlanBody = Type.Object(
  {
    annualPlan: Amount,
    quarterTargets: QuarterTargets,
    version: Type.Optional(ExpectedVersion),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
);

export const PlanRecordSchema = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  annualPlan: Amount,
  originalAnnualPlan: Amount,
  quarterTargets: QuarterTargets,
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

export const ActualParams = Type.Object(
  { unitId: UnitId, year: Year, quarter: Quarter },
  { additionalProperties: false },
);

export const ActualBody = Type.Object(
  { amount: Amount, version: Type.Optional(ExpectedVersion), comment: Type.Optional(Comment) },
  { additionalProperties: false },
);

export const ActualRecordSchema = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  quarter: Quarter,
  amount: Amount,
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

export const EntriesQuery = Type.Object({ year: Year }, { additionalProperties: false });

export const EntriesSchema = Type.Object({
  year: Type.Integer(),
  plans: Type.Array(PlanRecordSchema),
  actuals: Type.Array(ActualRecordSchema),
});
