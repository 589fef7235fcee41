/**
 * One uPlot chart in a <figure>: colours from the theme's CSS variables (rebuilt when the
 * theme changes), a tooltip at the cursor, a click that hands back the data index, and a
 * text summary for screen readers (the canvas itself is hidden from them).
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { tooltipPlugin, type TooltipLine } from "./chart-tooltip";

export interface ChartSeries {
  label: string;
  /** A CSS variable holding the colour, e.g. `--accent`. */
  colorVar: string;
  values: (number | null)[];
  kind: "line" | "bars";
}

export interface ChartProps {
  /** Test hook and accessible name of the figure. */
  id: string;
  title: string;
  /** Unit shown on the y axis, e.g. "ms", "USD", "%". */
  yUnit: string;
  /** x values: bucket start times in seconds (uPlot's time scale), or bar positions. */
  x: number[];
  /** Time axis (true) or category axis with labels (false). */
  timeAxis: boolean;
  /** Labels of category positions when not a time axis. */
  categories?: string[];
  series: ChartSeries[];
  formatY: (value: number) => string;
  /** Tooltip heading for data index i. */
  describeX: (index: number) => string;
  /** The screen reader's summary of the chart. */
  summary: string;
  /** The y values are counts: ticks on whole numbers only. */
  integerY?: boolean;
  /** Clicked at data index i (a bar or a point). */
  onPick?: (index: number) => void;
  height?: number;
}

// Tick steps for counts and category positions: whole numbers only.
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 1e7, 1e8, 1e9];

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}

function options(props: ChartProps, width: number): uPlot.Options {
  const fg = cssVar("--fg-muted");
  const grid = cssVar("--border");
  const axis = (values?: uPlot.Axis["values"]): uPlot.Axis => ({ stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...(values ? { values } : {}) });
  const bars = uPlot.paths.bars!({ size: [0.8, 60], align: 0 });
  return {
    width,
    height: props.height ?? 200,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: { x: { time: props.timeAxis }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      props.timeAxis
        ? axis()
        : { ...axis((_u, splits) => splits.map((v) => (Number.isInteger(v) ? (props.categories?.[v] ?? "") : ""))), incrs: WHOLE_STEPS, space: 80 },
      { ...axis((_u, splits) => splits.map((v) => props.formatY(v))), label: props.yUnit, labelSize: 18, size: 60, ...(props.integerY ? { incrs: WHOLE_STEPS } : {}) },
    ],
    series: [
      {},
      ...props.series.map((s) => {
        const color = cssVar(s.colorVar);
        return s.kind === "bars"
          ? { label: s.label, stroke: color, fill: color + "b0", width: 0, paths: bars, points: { show: false } }
          : { label: s.label, stroke: color, width: 2, points: { show: true, size: 4 }, spanGaps: false };
      }),
    ],
    plugins: [
      tooltipPlugin((index) => ({
        heading: props.describeX(index),
        lines: props.series.map((s): TooltipLine => ({ label: s.label, color: cssVar(s.colorVar), value: s.values[index] == null ? "—" : props.formatY(s.values[index]!) })),
      })),
    ],
  };
}

export function UPlotChart(props: ChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const pick = useRef(props.onPick);
  pick.current = props.onPick;

  useEffect(() => {
    const element = holder.current!;
    let chart: uPlot | undefined;
    const build = () => {
      chart?.destroy();
      const width = Math.max(280, element.clientWidth || 600);
      chart = new uPlot(options(props, width), [props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData, element);
      chart.over.addEventListener("click", () => {
        const index = chart?.cursor.idx;
        if (index !== null && index !== undefined) pick.current?.(index);
      });
    };
    build();
    // The theme is <html data-theme>, or the system's when unset: colours are re-read on change.
    const themeWatch = new MutationObserver(build);
    themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", build);
    const resize = new ResizeObserver(() => chart && Math.abs(chart.width - element.clientWidth) > 20 && build());
    resize.observe(element);
    return () => {
      themeWatch.disconnect();
      media.removeEventListener("change", build);
      resize.disconnect();
      chart?.destroy();
    };
  }, [props.x, props.series, props.title]);

  return (
    <figure class="chart" id={props.id} aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`} class="chart-title">
        {props.title}
      </figcaption>
      <div class="chart-canvas" ref={holder} aria-hidden="true" data-clickable={props.onPick ? "yes" : "no"} />
      <p class="sr-only chart-summary">{props.summary}</p>
    </figure>
  );
}
