import { type Static, Type } from 'typebox';

/**
 * The one error shape of the API: `error` is a code for programs (`conflict`, `locked`,
 * `hidden_character`…), `message` a sentence for people, `field` the offending input where
 * there is one. Some answers carry more: see `current` and `lock`, and the import's refusals.
 */
export const ErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  /** On 409: the figure as it is now, so the client can show both values and retry. */
  current: Type.Optional(Type.Unknown()),
  /** On 423: who locked the quarter, when and why. */
  lock: Type.Optional(Type.Unknown()),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** What any route may answer besides its success. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  500: ErrorBody,
  /** The database cannot be written right now (locked, read-only, full): nothing was saved. */
  503: ErrorBody,
};

/** What a versioned write may answer as well. */
export const writeErrorResponses = {
  ...errorResponses,
  409: ErrorBody,
  423: ErrorBody,
  428: ErrorBody,
};
