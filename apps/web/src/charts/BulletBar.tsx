import { formatAmountShort, formatPercent, type Locale } from '@targetline/core';

type Props = {
  label: string;
  actual: number | null;
  /** The quarter's target or the year's plan: the outlined bar the actual is read against. */
  target: number | null;
  achieved: number | null;
  locale: Locale;
  words: { actual: string; target: string };
};

/**
 * A bullet bar in the plan-versus-actual notation: the target as an outlined bar, the actual
 * as a solid bar inside it, both labelled with their amounts and the ratio — readable in black
 * and white and from the back of a room. Sizes are relative, so it scales with the slide.
 */
export function BulletBar({ label, actual, target, achieved, locale, words }: Props) {
  const max = Math.max(actual ?? 0, target ?? 0, 1);
  const width = (value: number | null) => `${((value ?? 0) / max) * 100}%`;
  return (
    <figure className="bullet">
      <figcaption className="bullet__label">
        {label}: <strong>{formatPercent(achieved, locale)}</strong>
      </figcaption>
      <svg
        className="bullet__bars"
        viewBox="0 0 100 12"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${words.actual} ${formatAmountShort(actual, locale)}, ${words.target} ${formatAmountShort(target, locale)}`}
      >
        {target !== null && (
          <rect
            x="0"
            y="1"
            width={width(target)}
            height="10"
            fill="none"
            stroke="currentColor"
            strokeWidth="0.6"
            vectorEffect="non-scaling-stroke"
          />
        )}
        {actual !== null && (
          <rect x="0" y="3" width={width(actual)} height="6" fill="currentColor" />
        )}
      </svg>
      <p className="bullet__legend">
        <span>
          <span className="bullet__key bullet__key--actual" aria-hidden="true" /> {words.actual}{' '}
          {formatAmountShort(actual, locale)}
        </span>
        <span>
          <span className="bullet__key bullet__key--target" aria-hidden="true" /> {words.target}{' '}
          {formatAmountShort(target, locale)}
        </span>
      </p>
    </figure>
  );
}
