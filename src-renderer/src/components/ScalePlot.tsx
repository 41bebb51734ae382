/** One essay on the scale: θ and SE in logits. */
export interface PlotPoint {
  essayId: string;
  theta: number;
  /** Null for an essay with no comparisons: its interval spans the plot. */
  se: number | null;
  anchor: boolean;
}

export interface PlotBoundary {
  above: string;
  theta: number;
}

const width = 700;
const margin = { left: 16, right: 16, top: 26, bottom: 44 };
const z95 = 1.96;

/**
 * The x range in whole logits: every θ and boundary with half a logit to
 * spare. Intervals are left out, so one essay with a huge (or infinite) SE
 * cannot squeeze the rest into a corner; they are clipped to this range.
 */
export function plotRange(points: readonly PlotPoint[], boundaries: readonly PlotBoundary[]): { min: number; max: number; ticks: number[] } {
  const values = [...points.map((p) => p.theta), ...boundaries.map((b) => b.theta)].filter(Number.isFinite);
  let min = values.length ? Math.floor(Math.min(...values) - 0.5) : -1;
  let max = values.length ? Math.ceil(Math.max(...values) + 0.5) : 1;
  if (max - min < 2) {
    min -= 1;
    max += 1;
  }
  const span = max - min;
  const step = span <= 6 ? 1 : span <= 12 ? 2 : span <= 30 ? 5 : 10;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) ticks.push(tick);
  return { min, max, ticks };
}

/** The 95% interval of a point, clipped to the plot range. */
export function clippedInterval(point: PlotPoint, range: { min: number; max: number }): [number, number] {
  if (point.se === null || !Number.isFinite(point.se)) return [range.min, range.max];
  return [Math.max(range.min, point.theta - z95 * point.se), Math.min(range.max, point.theta + z95 * point.se)];
}

/**
 * The essays on the logit scale, one row each in the table's order: a dot at θ (a diamond for an
 * anchor), a line for the 95% interval, and the grade boundaries as dashed
 * lines labelled with the grade above them. Drawn as plain SVG; the text
 * equivalent is the ranking table.
 */
export function ScalePlot({
  points,
  boundaries,
  labelledBy,
  axisLabel,
  format,
}: {
  /** In the ranking table's order, one row each. */
  points: readonly PlotPoint[];
  boundaries: readonly PlotBoundary[];
  /** Ids of the elements that name and describe the plot. */
  labelledBy: string;
  axisLabel: string;
  /** Formats a tick value in the UI language. */
  format: (value: number) => string;
}) {
  const range = plotRange(points, boundaries);
  // Rows shrink for large sessions so the plot stays on a screen.
  const rowHeight = points.length <= 12 ? 24 : points.length <= 40 ? 14 : Math.max(4, 560 / points.length);
  const plotHeight = Math.max(1, points.length) * rowHeight;
  const height = margin.top + plotHeight + margin.bottom;
  const x = (theta: number): number => margin.left + ((theta - range.min) / (range.max - range.min)) * (width - margin.left - margin.right);
  const bottom = margin.top + plotHeight;
  const radius = Math.min(4, rowHeight / 2.5);

  return (
    <svg className="scale-plot" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={labelledBy}>
      {range.ticks.map((tick) => (
        <g key={tick}>
          <line className="grid" x1={x(tick)} x2={x(tick)} y1={margin.top} y2={bottom} />
          <text className="tick" x={x(tick)} y={bottom + 16} textAnchor="middle">
            {format(tick)}
          </text>
        </g>
      ))}
      <line className="axis" x1={margin.left} x2={width - margin.right} y1={bottom} y2={bottom} />
      <text className="tick" x={width / 2} y={bottom + 36} textAnchor="middle">
        {axisLabel}
      </text>
      {boundaries
        .filter((b) => Number.isFinite(b.theta))
        .map((b) => (
          <g key={`${b.above}-${b.theta}`}>
            <line className="boundary" x1={x(b.theta)} x2={x(b.theta)} y1={margin.top - 16} y2={bottom} />
            <text className="boundary-label" x={x(b.theta) + 4} y={margin.top - 6}>
              {b.above}
            </text>
          </g>
        ))}
      {points.map((point, row) => {
        const y = margin.top + (row + 0.5) * rowHeight;
        const [low, high] = clippedInterval(point, range);
        const cx = x(point.theta);
        return (
          <g key={point.essayId}>
            <line className="interval" x1={x(low)} x2={x(high)} y1={y} y2={y} />
            {point.anchor ? (
              <path className="anchor" d={`M${cx} ${y - radius * 1.4}L${cx + radius * 1.4} ${y}L${cx} ${y + radius * 1.4}L${cx - radius * 1.4} ${y}Z`} />
            ) : (
              <circle className="point" cx={cx} cy={y} r={radius} />
            )}
          </g>
        );
      })}
    </svg>
  );
}
