import { type Static, Type } from 'typebox';

export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('director'),
  Type.Literal('planner'),
  Type.Literal('unit_lead'),
  Type.Literal('viewer'),
]);

/** A user as everyone may see them: never a password or hash. */
export const PublicUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  /** The units a unit lead leads; empty for the other roles. */
  unitIds: Type.Array(Type.Integer()),
});
/** The logged-in user as the API shows them. */
export type SessionUser = Static<typeof PublicUserSchema>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

/** `csrfToken` goes back as `x-csrf-token` on every write. */
export const SessionSchema = Type.Object({
  user: PublicUserSchema,
  csrfToken: Type.String(),
});
export type Session = Static<typeof SessionSchema>;
