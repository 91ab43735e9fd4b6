import { Worker } from 'node:worker_threads';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { Summary } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { DbError, type DbErrorCode, type RepositoryConfig } from '@targetline/db';
import type { SummaryAnswer, SummaryRequest } from '../summary-worker';

/** A summary as the route sends it: its JSON, and the same gzipped. */
export type SummaryBytes = { raw: Buffer; gzip: Buffer };

/**
 * How the summary is gzipped, in the thread and in the route: level 4 takes 10 ms for 1,000
 * units where the default 6 took 17, and sends 173 KB instead of 148. Every reader during a
 * quarter close waits for a build made after it asked, so the build's time is the wait.
 */
export const SUMMARY_GZIP = { level: 4 } as const;

/** Builds the summary of a year as of a quarter (the latest complete one when absent). */
export type BuildSummary = (year: number, asOf: Quarter | undefined) => Promise<SummaryBytes>;

/**
 * The serializer Fastify compiles for a response schema (the same compiler, no shared schemas,
 * no options: as `buildApp` has it), for serialising outside a route.
 */
export function summarySerializer(schema: unknown): (summary: Summary) => string {
  return SerializerSelector()(undefined, undefined)({
    schema: schema as never,
    method: 'GET',
    url: '/api/summary',
    httpStatus: '200',
  }) as (summary: Summary) => string;
}

/** The bytes of a buffer that arrived from the worker, as a Buffer without a copy. */
const bufferOf = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Summaries built in a worker thread (`summary-worker.ts`) with its own connection to the same
 * database, so that building one (about 70 ms for 1,000 units, serialised and gzipped) never
 * holds up the event loop that answers the writes and every other read: during a quarter close
 * the builds follow one another. Started on the first build; a worker that fails or exits
 * fails the builds it had and is started again by the next one. `close` stops it.
 */
export function createSummaryWorker(config: RepositoryConfig): {
  build: BuildSummary;
  close: () => Promise<void>;
} {
  const pending = new Map<
    number,
    { resolve: (b: SummaryBytes) => void; reject: (e: Error) => void }
  >();
  let worker: Worker | undefined;
  let nextId = 1;

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const { now: _clock, ...workerData } = config;
    // Beside this file in the build (dist/summary-worker.js). From source (tests, `pnpm dev`)
    // the thread registers tsx's loader first to read TypeScript: a loader registered by the
    // parent does not reach its threads.
    const started = import.meta.url.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
             .then(({ register }) => register())
             .then(() => import(${JSON.stringify(new URL('../summary-worker.ts', import.meta.url).href)}));`,
          { eval: true, workerData },
        )
      : new Worker(new URL('./summary-worker.js', import.meta.url), { workerData });
    started.on('message', (answer: SummaryAnswer) => {
      const waiting = pending.get(answer.id);
      if (waiting === undefined) return;
      pending.delete(answer.id);
      if ('error' in answer) {
        const { code, message } = answer.error;
        waiting.reject(code ? new DbError(code as DbErrorCode, message) : new Error(message));
      } else {
        waiting.resolve({ raw: bufferOf(answer.raw), gzip: bufferOf(answer.gzip) });
      }
    });
    const lost = (error: Error) => {
      if (worker === started) worker = undefined;
      failAll(error);
    };
    started.on('error', lost);
    started.on('exit', (code) => lost(new Error(`the summary worker exited (${code})`)));
    // Not a reason to keep the process alive: a server stops when asked.
    started.unref();
    return started;
  };

  return {
    build: (year, asOf) =>
      new Promise<SummaryBytes>((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({
          id,
          year,
          ...(asOf !== undefined && { asOf }),
        } satisfies SummaryRequest);
      }),
    close: async () => {
      const stopping = worker;
      worker = undefined;
      failAll(new Error('the summary worker was stopped'));
      await stopping?.terminate();
    },
  };
}
