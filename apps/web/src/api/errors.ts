import type { QuarterLock } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { ApiError } from './client';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What a 409 says about the figure now: who changed it, when, and its version. */
export type Conflict<T> = {
  /** The record as it is now; null if it no longer exists. */
  current: (T & { version: number; updatedAt: string; updatedBy: string | null }) | null;
};

/**
 * The `current` record of a version conflict (409 `conflict` with `field: 'version'`),
 * or undefined for any other error. `isShape` checks the figure's own fields.
 */
export function conflictOf<T>(
  error: unknown,
  isShape: (value: Record<string, unknown>) => boolean,
): Conflict<T> | undefined {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'conflict') {
    return undefined;
  }
  const current = error.current;
  if (current === null || current === undefined) return { current: null };
  if (
    isRecord(current) &&
    typeof current.version === 'number' &&
    typeof current.updatedAt === 'string' &&
    (current.updatedBy === null || typeof current.updatedBy === 'string') &&
    isShape(current)
  ) {
    return { current: current as Conflict<T>['current'] };
  }
  return undefined;
}

function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The lock behind a 423, or undefined for any other error. */
export function lockOf(error: unknown): QuarterLock | undefined {
  if (!(error instanceof ApiError) || error.status !== 423) return undefined;
  const lock = error.lock;
  if (
    isRecord(lock) &&
    typeof lock.year === 'number' &&
    isQuarter(lock.quarter) &&
    typeof lock.lockedBy === 'string' &&
    typeof lock.lockedAt === 'string'
  ) {
    return {
      year: lock.year,
      quarter: lock.quarter,
      lockedBy: lock.lockedBy,
      lockedAt: lock.lockedAt,
      reason: typeof lock.reason === 'string' ? lock.reason : null,
    };
  }
  return undefined;
}
