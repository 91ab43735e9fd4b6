import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';

/**
 * Fastify's Ajv coerces types (null → 0, "123" → 123, true → 1) and may drop unknown
 * properties. A finance tool must refuse such input rather than rewrite it, so bodies are
 * validated strictly. Path and query values only ever arrive as strings, so those alone
 * are coerced to the declared integer type (a non-number still fails).
 */
export function registerValidation(app: FastifyInstance) {
  const common = {
    allErrors: false,
    removeAdditional: false,
    useDefaults: false,
    strict: false,
  } as const;
  const bodyAjv = new Ajv({ ...common, coerceTypes: false });
  // 'array' also turns a lone ?year=2023 into [2023] where a list is expected.
  const stringPartsAjv = new Ajv({ ...common, coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : stringPartsAjv).compile(schema),
  );

  // JSON has no NaN or Infinity: name the field where a client wrote one, instead of only
  // "invalid JSON".
  const defaultParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
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
