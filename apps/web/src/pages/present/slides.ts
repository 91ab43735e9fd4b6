export { buildSlides, gapRows, type MeetingSlide as Slide } from '@targetline/core';

/** A slide number from the address (1-based), kept within the deck. */
export function clampSlide(requested: number | undefined, count: number): number {
  if (requested === undefined || !Number.isSafeInteger(requested)) return 1;
  return Math.min(Math.max(requested, 1), Math.max(count, 1));
}
