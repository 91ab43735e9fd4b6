/** Splits a unit's name into at most `lines` lines of about `max` characters, on spaces. */
export function wrapName(name: string, max: number, lines = 2): string[] {
  const out: string[] = [''];
  for (const word of name.split(/\s+/)) {
    const last = out.length - 1;
    const current = out[last] ?? '';
    if (current && current.length + word.length + 1 > max) {
      if (out.length === lines) {
        out[last] = `${current.slice(0, Math.max(max - 1, 1))}…`;
        return out;
      }
      out.push(word);
    } else out[last] = current ? `${current} ${word}` : word;
  }
  return out;
}

type TickProps = {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  /** Characters per line before the name wraps. */
  width: number;
  /** A mark after the name (the partial star). */
  markOf?: (name: string) => string;
};

/**
 * A unit's name on a category axis, wrapped on two lines and right-aligned against the bars,
 * so a chart can name units rather than code them; the whole name is its tooltip.
 */
export function UnitNameTick({ x = 0, y = 0, payload, width, markOf }: TickProps) {
  const name = String(payload?.value ?? '');
  const lines = wrapName(`${name}${markOf?.(name) ?? ''}`, width);
  const first = -((lines.length - 1) * 15) / 2;
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="end" fontSize={13} fill="#1b1f24">
      <title>{name}</title>
      {lines.map((line, i) => (
        <tspan key={`${i}-${line}`} x={Number(x) - 6} dy={i === 0 ? first + 4 : 15}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
