import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import type { LazyCompiler } from './lazy-compile';

/**
 * Fastify's Ajv coerces types (null → 0, "123" → 123, true → 1) and may drop unknown
 * properties. A finance tool must refuse such input rather than rewrite it, so bodies are
 * validated strictly. Path and query values only ever arrive as strings, so those alone
 * are coerced to the declared integer type (a non-number still fails).
 */
export function registerValidation(app: FastifyInstance, { lazy }: LazyCompiler) {
  const common = {
    allErrors: false,
    removeAdditional: false,
    useDefaults: false,
    strict: false,
  } as const;
  // Verbose: an error carries the value it refused, so that its message can point at what
  // is wrong in it (a hidden character in a name).
  const bodyAjv = new Ajv({ ...common, coerceTypes: false, verbose: true });
  // 'array' also turns a lone ?year=2023 into [2023] where a list is expected.
  const stringPartsAjv = new Ajv({ ...common, coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    lazy(() => (httpPart === 'body' ? bodyAjv : stringPartsAjv).compile(schema)),
  );

  // JSON has no NaN or Infinity: name the field where a client wrote one, instead of only
  // "invalid JSON". The body is read as bytes and decoded strictly: decoded as a string it
  // would have its bytes that are not UTF-8 turned into U+FFFD and stored so.
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      const field = fieldWithBadBytes(bytes);
      const fail = Object.assign(
        new Error(
          field
            ? `${field} holds bytes that are not UTF-8; send the text in UTF-8`
            : 'The request body holds bytes that are not UTF-8; send it in UTF-8',
        ),
        { statusCode: 400, ...(field !== undefined && { field }) },
      );
      return done(fail, undefined);
    }
    // Some clients send the JSON content type on a DELETE without a body: that is no body,
    // which the route's schema then judges, not malformed JSON.
    if (text.trim() === '') return done(null, undefined);
    defaultParser(request, text, (err, parsed) => {
      if (!err) return done(null, parsed);
      const match = /"([^"\\]{1,64})"\s*:\s*-?(NaN|Infinity|undefined)\b/.exec(text);
      const fail = Object.assign(
        new Error(
          match
            ? `${match[1]} must be a number, not ${match[2]}`
            : 'The request body is not valid JSON',
        ),
        { statusCode: 400, ...(match && { field: match[1] }) },
      );
      done(fail, undefined);
    });
  });
}

/** Bytes a code point takes in UTF-8. */
const utf8Length = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * The field ("displayName", "quarterTargets[1]", "a.b") whose string holds the first bytes of
 * `bytes` that are not UTF-8, or undefined when they are outside any string or the body is
 * not JSON even so. The bytes are decoded leniently with the first bad sequence replaced by a
 * marker the body does not hold (a real U+FFFD elsewhere is not mistaken for it), and the
 * parsed body is searched for the marker.
 */
export function fieldWithBadBytes(bytes: Buffer): string | undefined {
  const lenient = bytes.toString('utf8');
  // The first U+FFFD that the bytes do not spell (EF BF BD) is where the bad bytes were.
  let offset = 0;
  let index = 0;
  let badAt = -1;
  for (const char of lenient) {
    const codePoint = char.codePointAt(0) as number;
    if (
      codePoint === 0xfffd &&
      !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)
    ) {
      badAt = index;
      break;
    }
    offset += utf8Length(codePoint);
    index += char.length;
  }
  if (badAt < 0) return undefined;
  let marker = '\u{10FFFF}';
  while (lenient.includes(marker)) marker += '\u{10FFFE}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(`${lenient.slice(0, badAt)}${marker}${lenient.slice(badAt + 1)}`);
  } catch {
    return undefined;
  }
  const find = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') return value.includes(marker) ? path || undefined : undefined;
    if (typeof value !== 'object' || value === null) return undefined;
    for (const [key, child] of Object.entries(value)) {
      // Bad bytes in a key, which cannot be spelt back: the object holding it is named.
      if (key.includes(marker)) return path || undefined;
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      const found = find(child, childPath);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  try {
    return find(parsed, '');
  } catch {
    // Nested deeper than the stack allows: the body is refused all the same, without a field.
    return undefined;
  }
}
