import { Type } from 'typebox';
import { CODE_PATTERN, Id, NAME_PATTERN, Version } from './common';

const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('director'),
  Type.Literal('unit_lead'),
  Type.Literal('viewer'),
]);

export const PublicUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  unitIds: Type.Array(Type.Integer()),
});

export const AdminUserSchema = Type.Object({
  ...PublicUserSchema.properties,
  isDisabled: Type.Boolean(),
  version: Type.Integer(),
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object({
  user: PublicUserSchema,
  csrfToken: Type.String(),
});

const Username = Type.String({ minLength: 2, maxLength: 64, pattern: CODE_PATTERN });
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: NAME_PATTERN });
// OWASP: at least 8 characters; long passphrases welcome.
const Password = Type.String({ minLength: 8, maxLength: 1000 });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: RoleSchema,
    unitIds: Type.Array(Id, { maxItems: 1000 }),
    password: Password,
  },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleSchema),
    unitIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
    isDisabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
