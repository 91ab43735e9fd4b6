import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;
const defaultSerializers: Factory = SerializerSelector();

/** A compiled validator or serializer, as Fastify calls it (a validator also has `errors`). */
type Compiled = ((data: unknown) => unknown) & { errors?: unknown };

/**
 * Compiles each route's validators and response serializers on the route's first use, not at
 * start: done eagerly for the 150-odd routes, Ajv and fast-json-stringify took 0.4 s of a
 * 1.4 s start on the 1,000-unit bench, for routes most starts never serve. What a compiled
 * function does is unchanged. `compileAll()` compiles every one still waiting; the tests call
 * it, so a schema that does not compile still fails them, as it failed the start before.
 */
export function createLazyCompiler() {
  const pending = new Set<() => Compiled>();

  const lazy = <F extends Compiled>(compile: () => F): F => {
    let compiled: F | undefined;
    const get = () => {
      if (compiled === undefined) {
        compiled = compile();
        pending.delete(get);
      }
      return compiled;
    };
    pending.add(get);
    const run = (data: unknown) => {
      const fn = get();
      const result = fn(data);
      // Fastify reads a failed validation's reasons from the function it was given.
      run.errors = fn.errors;
      return result;
    };
    run.errors = undefined as unknown;
    return run as unknown as F;
  };

  return {
    lazy,
    /** Fastify's own serializer factory (`schemaController.compilersFactory`), made lazy. */
    buildSerializer: (externalSchemas?: unknown, options?: Parameters<Factory>[1]) => {
      const compile = defaultSerializers(externalSchemas, options);
      return (route: Parameters<typeof compile>[0]) => lazy(() => compile(route));
    },
    /** Compiles every function still waiting; returns how many there were. */
    compileAll: (): number => {
      const waiting = [...pending];
      for (const get of waiting) get();
      return waiting.length;
    },
  };
}

export type LazyCompiler = ReturnType<typeof createLazyCompiler>;
