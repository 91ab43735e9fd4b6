import { useCallback, useEffect, useRef, useState } from 'react';

type Pending = { frame: number; timer?: ReturnType<typeof setTimeout> };

/**
 * A value the page keeps elsewhere (the address), changed by `write`: a new value is shown at
 * once and written after that has been painted, since writing it (the router's navigation) took
 * a third of an interaction's script at a quarter of the CPU (bench/browser.ts, CPU profile).
 * The picked value stands only while `current` is still the one it was picked from: once
 * `current` moves (to it, or Back, or a link), `current` is shown. A write still pending is
 * replaced by the next pick and dropped if the page goes away.
 */
export function useShownFirst<Current, Value extends Current, Rest extends unknown[]>(
  current: Current,
  write: (value: Value, ...rest: Rest) => void,
): [Current, (value: Value, ...rest: Rest) => void] {
  const [picked, setPicked] = useState<{ value: Value; from: Current } | null>(null);
  const isPickedShown = picked !== null && Object.is(picked.from, current);
  if (picked !== null && !isPickedShown) setPicked(null);
  const pending = useRef<Pending>(null);
  const cancel = useCallback(() => {
    if (pending.current === null) return;
    cancelAnimationFrame(pending.current.frame);
    clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);
  useEffect(() => cancel, [cancel]);
  const pick = useCallback(
    (value: Value, ...rest: Rest) => {
      setPicked({ value, from: current });
      cancel();
      // A frame callback runs before that frame is painted; the task after it runs once it has been.
      const next: Pending = {
        frame: requestAnimationFrame(() => {
          next.timer = setTimeout(() => {
            pending.current = null;
            write(value, ...rest);
          });
        }),
      };
      pending.current = next;
    },
    [current, write, cancel],
  );
  return [isPickedShown ? picked.value : current, pick];
}
