import { type Static, Type } from 'typebox';
import { CODE_PATTERN, Id, NAME_PATTERN, Version } from './common';

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

/** A unit with the version a change must send back; `parentId` is null for the root. */
export const UnitRecordSchema = Type.Object({
  ...UnitSchema.properties,
  version: Type.Integer(),
});
export type UnitRecord = Static<typeof UnitRecordSchema>;

export const UnitListSchema = Type.Array(UnitRecordSchema);

const UnitName = Type.String({ minLength: 1, maxLength: 200, pattern: NAME_PATTERN });

export const CreateUnitBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32, pattern: CODE_PATTERN }),
    name: UnitName,
    kind: UnitSchema.properties.kind,
    parentId: Id,
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(UnitName),
    kind: Type.Optional(UnitSchema.properties.kind),
    parentId: Type.Optional(Id),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;
