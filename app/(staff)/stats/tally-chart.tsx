"use client";

import { useId } from "react";
import { Area, Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Okabe–Ito colours (safe for the common kinds of colour blindness), and never colour alone: the
// low line is solid, the high line dashed, and months holding events that span several months are hatched.
const BLUE = "#0072B2";
const VERMILLION = "#D55E00";
const ORANGE = "#E69F00";

export interface TallyChartPoint {
  /** YYYY-MM. */
  month: string;
  /** Short month name for the axis, e.g. "Jul 2017". */
  label: string;
  low: number;
  high: number;
  open: boolean;
  /** People of the month's high in events spanning several months. */
  spanning: number;
}

export interface TallyChartLabels {
  /** The chart's accessible name: what it shows, and that the table below gives the same numbers. */
  summary: string;
  legend: string;
  low: string;
  high: string;
  band: string;
  spanning: string;
}

/**
 * The monthly series as a low–high band. The chart is one image to assistive technology (its
 * accessible name says where the same numbers are as a table); tooltips are for pointer users only.
 */
export function TallyChart({ points, labels }: { points: TallyChartPoint[]; labels: TallyChartLabels }) {
  const hatch = `tally-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const data = points.map((p) => ({
    ...p,
    band: [p.low, p.high],
    spanningBar: p.spanning > 0 ? [p.low, p.high] : null,
  }));
  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={labels.summary} style={{ width: "100%", height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} accessibilityLayer={false} margin={{ top: 10, right: 16, bottom: 0, left: 0 }}>
            <defs>
              <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={ORANGE} fillOpacity={0.35} />
                <line x1="0" y1="0" x2="0" y2="6" stroke={VERMILLION} strokeWidth="2" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="2 4" stroke="#d0d5dd" />
            <XAxis dataKey="label" minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
            <Tooltip
              content={({ active, payload }) => {
                const point = payload?.[0]?.payload as TallyChartPoint | undefined;
                if (!active || !point) return null;
                return (
                  <div className="card" style={{ padding: "0.5rem 0.75rem" }}>
                    <strong>{point.label}</strong>
                    <div>
                      {labels.low}: {point.low}
                    </div>
                    <div>
                      {labels.high}: {point.high}
                      {point.open ? "+" : ""}
                    </div>
                  </div>
                );
              }}
            />
            <Area dataKey="band" stroke="none" fill={ORANGE} fillOpacity={0.25} isAnimationActive={false} />
            <Bar dataKey="spanningBar" fill={`url(#${hatch})`} stroke={VERMILLION} isAnimationActive={false} />
            <Line
              dataKey="high"
              stroke={VERMILLION}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line dataKey="low" stroke={BLUE} strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="chips" aria-label={labels.legend}>
          <li>
            <Swatch>
              <line x1="0" y1="6" x2="28" y2="6" stroke={BLUE} strokeWidth="2" />
            </Swatch>
            {labels.low}
          </li>
          <li>
            <Swatch>
              <line x1="0" y1="6" x2="28" y2="6" stroke={VERMILLION} strokeWidth="2" strokeDasharray="6 4" />
            </Swatch>
            {labels.high}
          </li>
          <li>
            <Swatch>
              <rect width="28" height="12" fill={ORANGE} fillOpacity={0.25} />
            </Swatch>
            {labels.band}
          </li>
          <li>
            <Swatch>
              <rect width="28" height="12" fill={`url(#${hatch})`} stroke={VERMILLION} />
            </Swatch>
            {labels.spanning}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width="28" height="12" aria-hidden="true" focusable="false" style={{ marginRight: "0.4rem" }}>
      {children}
    </svg>
  );
}
