import { describe, expect, it } from 'vitest';
import { fieldWithBadBytes } from './validation';

const bytes = (before: string, after: string) =>
  Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);

describe('fieldWithBadBytes', () => {
  it.each([
    ['a top-level string', bytes('{"displayName":"Nguy', 'n"}'), 'displayName'],
    ['an array item', bytes('{"quarterTargets":[null,"x', '"]}'), 'quarterTargets[1]'],
    ['a nested string', bytes('{"a":{"b":"', '"}}'), 'a.b'],
    ['the first of two', bytes('{"x":"1","y":"', `","z":"${'\uFFFD'}"}`), 'y'],
    ['a key', bytes('{"a":{"k', '":1}}'), 'a'],
    ['no string at all', bytes('{"a":1,', '}'), undefined],
    ['a body that is not JSON even so', bytes('{"a":"', ''), undefined],
  ])('names %s', (_label, body, field) => {
    expect(fieldWithBadBytes(body)).toBe(field);
  });
});
