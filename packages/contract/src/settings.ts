import { type Static, Type } from 'typebox';
import { ExpectedVersion } from './common';
import { ThresholdsSchema } from './summary';

/** The pace thresholds with their version (0 while never set: the defaults). */
export const ThresholdsRecord = Type.Object({
  ...ThresholdsSchema.properties,
  version: Type.Integer(),
});
export type PaceSettings = Static<typeof ThresholdsRecord>;

/** New thresholds with the version they were read at (0 the first time). */
export const ThresholdsBody = Type.Object(
  { ...ThresholdsSchema.properties, version: ExpectedVersion },
  { additionalProperties: false },
);
export type ThresholdsBody = Static<typeof ThresholdsBody>;
