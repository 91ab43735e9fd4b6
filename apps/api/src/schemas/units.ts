import { Type } from 'typebox';

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  kind: Type.Union([
    Type.Literal('institute'),
    Type.Literal('department'),
    Type.Literal('centre'),
    Type.Literal('company'),
  ]),
});

export const UnitListSchema = Type.Array(UnitSchema);
export const YearListSchema = Type.Array(Type.Integer());
