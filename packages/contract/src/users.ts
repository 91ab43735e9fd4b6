import { type Static, Type } from 'typebox';
import { CODE_PATTERN, EMAIL_PATTERN, Id, NAME_PATTERN, Version } from './common';
import { PublicUserSchema, RoleSchema } from './session';

/** The language of a user's mail: Vietnamese unless they read English. */
export const LocaleSchema = Type.Union([Type.Literal('vi'), Type.Literal('en')]);

/** A user as admins see them; `version` goes back with every change. */
export const AdminUserSchema = Type.Object({
  ...PublicUserSchema.properties,
  isDisabled: Type.Boolean(),
  /** Where their notifications are mailed; null: not mailed. */
  email: Type.Union([Type.String(), Type.Null()]),
  /** The language of their mail. */
  locale: LocaleSchema,
  version: Type.Integer(),
});
export type AdminUser = Static<typeof AdminUserSchema>;

const Username = Type.String({ minLength: 2, maxLength: 64, pattern: CODE_PATTERN });
const DisplayName = Type.String({ minLength: 1, maxLength: 200, pattern: NAME_PATTERN });
// OWASP: at least 8 characters; long passphrases welcome.
const Password = Type.String({ minLength: 8, maxLength: 1000 });
/** An address, or null for none. Plain JSON Schema so that a bad one gets one clear error naming email. */
const Email = Type.Unsafe<string | null>({
  type: ['string', 'null'],
  maxLength: 254,
  pattern: EMAIL_PATTERN,
});

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: RoleSchema,
    unitIds: Type.Array(Id, { maxItems: 1000 }),
    password: Password,
    email: Type.Optional(Email),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

/** Only the fields that change; a password left out stays, a new one ends the user's sessions. */
export const UpdateUserBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(RoleSchema),
    unitIds: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
    isDisabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    email: Type.Optional(Email),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;
