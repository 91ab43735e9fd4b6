// The summary's builder thread (routes/summary-builder.ts starts it): it opens the same
// database with its own connection and answers each request with the summary's JSON and its
// gzip, serialised by the serializer Fastify compiles for the route, so the bytes are the
// route's own. Reading 1,000 units, analysing them, serialising and compressing about 1 MB
// happen here, off the event loop that answers every other request.

import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { routes } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { openRepository, type RepositoryConfig } from '@targetline/db';
import { loadSummary } from './routes/load-summary';
import { SUMMARY_GZIP, summarySerializer } from './routes/summary-builder';

export type SummaryRequest = { id: number; year: number; asOf?: Quarter };
export type SummaryAnswer =
  | { id: number; raw: Uint8Array; gzip: Uint8Array }
  | { id: number; error: { message: string; code?: string } };

/**
 * The bytes in a memory of their own, which can be moved to the other thread: a small Buffer
 * shares Node's pool with others, which moving would take from them.
 */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer &&
  bytes.byteOffset === 0 &&
  bytes.byteLength === bytes.buffer.byteLength
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);

const port = parentPort;
if (port === null) throw new Error('summary-worker.ts runs as a worker thread');
const repository = await openRepository(workerData as RepositoryConfig);
const serialize = summarySerializer(routes['GET /summary'].response[200]);

port.on('message', async ({ id, year, asOf }: SummaryRequest) => {
  try {
    const raw = own(Buffer.from(serialize(await loadSummary(repository, year, asOf)), 'utf8'));
    const gzip = own(gzipSync(raw, SUMMARY_GZIP));
    // Moved, not copied: the worker keeps nothing of what it sent.
    port.postMessage({ id, raw, gzip } satisfies SummaryAnswer, [raw.buffer, gzip.buffer]);
  } catch (err) {
    const { message, code } = err as { message?: string; code?: unknown };
    port.postMessage({
      id,
      error: {
        message: message ?? String(err),
        ...(typeof code === 'string' && { code }),
      },
    } satisfies SummaryAnswer);
  }
});
