import { startTransition, useEffect, useState } from 'react';

/**
 * `value` once the screen has been painted without it: null on the first render, then the
 * value from a render that starts after the next frame (and, as a transition, gives way to a
 * click or a key). A later value is passed on the same way; until then the previous one is
 * returned, so a caller can keep what it drew and mark it as out of date
 * (`shown !== value`).
 *
 * For what is heavy and below the fold (the dashboard's charts and table): the first commit
 * holds only what the reader sees first, and the browser paints it before the rest is built.
 */
export function useAfterPaint<T>(value: T): T | null {
  const [shown, setShown] = useState<{ value: T } | null>(null);
  const isCurrent = shown !== null && Object.is(shown.value, value);
  useEffect(() => {
    if (isCurrent) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame is painted; the task after it runs once it has been.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown({ value })));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, isCurrent]);
  return shown === null ? null : shown.value;
}
