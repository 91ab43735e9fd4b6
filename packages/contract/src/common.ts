import {
  MAX_AMOUNT,
  MAX_YEAR,
  MIN_YEAR,
  NO_HIDDEN_CHARACTER_PATTERN,
  parseAmount,
} from '@targetline/core';
import { type Static, Type } from 'typebox';

const example = (typed: string) => {
  const parsed = parseAmount(typed, 'vi');
  if (!parsed.ok) throw new Error(`bad documentation example ${typed}`);
  return parsed.amount;
};

/**
 * Integer đồng from 0 to 1e15; JSON numbers that are safe integers. The documented examples
 * come from the same parser the forms use, so they show what "13,5 tỷ" becomes.
 */
export const Amount = Type.Integer({
  minimum: 0,
  maximum: MAX_AMOUNT,
  description: `Integer đồng (VND), never a fraction: "13,5 tỷ" is ${example('13,5 tỷ')}, "850 triệu" is ${example('850 triệu')}`,
  examples: [example('13 tỷ'), example('13,5 tỷ')],
});

/** An amount or null where none is entered. Plain JSON Schema so that a bad value gets one clear error, not an anyOf list. */
export const NullableAmount = Type.Unsafe<number | null>({
  type: ['integer', 'null'],
  minimum: 0,
  maximum: MAX_AMOUNT,
  description: 'Integer đồng (VND), or null where not set',
});

export const Ratio = Type.Unsafe<number | null>({
  type: ['number', 'null'],
  description: 'A ratio such as 0.0722 (7.22%); null where the plan or target is 0 or missing',
});

export const Year = Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR });
export const Quarter = Type.Unsafe<1 | 2 | 3 | 4>({ type: 'integer', minimum: 1, maximum: 4 });
/**
 * Ids and versions are 32-bit integer columns on PostgreSQL: a larger number is refused here,
 * naming the field, not by the database as an error of its own.
 */
export const MAX_ID = 2_147_483_647;
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });
export const UnitId = Id;
/** The version a saved object has now (1 for a new one). */
export const Version = Type.Integer({ minimum: 1, maximum: MAX_ID });

/**
 * A name people read (a unit's, a user's): at least one visible character — names are stored
 * trimmed, and a blank one would be empty — and no hidden one (a right-to-left override, a
 * zero-width space, a control character), which could make it look like another name.
 */
export const NAME_PATTERN = `^(?=[\\s\\S]*\\S)${NO_HIDDEN_CHARACTER_PATTERN}$`;
/** Free text that may be empty but holds no hidden character (a progress note). */
export const PLAIN_TEXT_PATTERN = `^${NO_HIDDEN_CHARACTER_PATTERN}$`;
/** Unit codes and usernames: what people type, in ASCII; hidden characters cannot pass either. */
export const CODE_PATTERN = '^[A-Za-z0-9._-]+$';

/**
 * An e-mail address as people write it: something@somewhere.tld, no spaces, no angle brackets
 * or commas (which could slip a second recipient into a mail header).
 */
export const EMAIL_PATTERN = '^[^\\s@<>,;"]+@[^\\s@<>,;"]+\\.[^\\s@<>,;"]+$';

/** What a value failing each pattern is told (after the field's name), instead of the regex. */
export const PATTERN_RULES: Readonly<Record<string, string>> = {
  [NAME_PATTERN]: 'must hold a visible character',
  [PLAIN_TEXT_PATTERN]: 'may not hold a hidden character',
  [CODE_PATTERN]: 'may hold only the letters A–Z and a–z, digits, ".", "_" and "-"',
  [EMAIL_PATTERN]: 'must be an e-mail address such as name@example.com',
};

/** Optional note stored with the audit row ("adjusted after acceptance of contract 12/2023"). */
export const Comment = Type.String({ maxLength: 1000 });

/** The version the client started from; 0 for a figure that does not exist yet. */
export const ExpectedVersion = Type.Integer({ minimum: 0, maximum: MAX_ID });

/** `/units/:id`, `/users/:id`, `/units/:id/history`. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;
