/**
 * A stand-in for a rendered Recharts surface, with the parts the export must handle: the
 * layout style Recharts sets, pattern defs, a legend icon that is also `svg.recharts-surface`,
 * a hover cursor and a foreignObject. For tests only.
 */
export function mountFakeChart({ width = 640, height = 360 } = {}): HTMLDivElement {
  const container = document.createElement('div');
  container.innerHTML = `
    <div class="recharts-wrapper">
      <div class="recharts-legend-wrapper">
        <svg class="recharts-surface" width="14" height="14" viewBox="0 0 32 32"><path d="M0,0h32v32h-32z" fill="#0072B2"/></svg>
      </div>
      <svg class="recharts-surface" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"
           style="width: 100%; height: 100%; display: block;" role="application" tabindex="0">
        <defs>
          <pattern id="achievement-r1-q2" width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="#D55E00" fill-opacity="0.35"/>
          </pattern>
          <clipPath id="recharts1-clip"><rect x="64" y="24" width="560" height="288"/></clipPath>
        </defs>
        <rect class="recharts-tooltip-cursor" x="80" y="24" width="40" height="288" fill="#ccc"/>
        <g class="recharts-cartesian-axis-tick"><text x="100" y="340" font-size="13" fill="#1b1f24">ĐV1</text></g>
        <path class="recharts-rectangle" d="M90,100h20v212h-20z" fill="url(#achievement-r1-q2)" stroke="#D55E00"/>
        <foreignObject x="0" y="0" width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">tooltip</div></foreignObject>
      </svg>
    </div>`;
  document.body.append(container);
  return container;
}
