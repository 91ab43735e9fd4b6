import { Type } from 'typebox';
import { NullableAmount, Quarter, Ratio, Year } from './common';
import { UnitSchema } from './units';

export const SummaryQuery = Type.Object({ year: Year }, { additionalProperties: false });

const QuarterSummary = Type.Object({
  quarter: Quarter,
  target: NullableAmount,
  actual: NullableAmount,
  achieved: Ratio,
});

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
      quarters: Type.Array(QuarterSummary, { minItems: 4, maxItems: 4 }),
    }),
  ),
});
