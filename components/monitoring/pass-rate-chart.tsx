"use client";

import type { RuleBucketDto } from "@/lib/monitoring/types";

const W = 640;
const H = 180;
const PAD = { l: 36, r: 8, t: 10, b: 24 };

/**
 * Pass rate per bucket as an SVG line (0–100 %) over bars of traces scored. Plain SVG: two
 * series, no interaction beyond titles, so no chart library is worth its weight here.
 */
export function PassRateChart({ buckets, bucketMs }: { buckets: RuleBucketDto[]; bucketMs: number }) {
  if (!buckets.length) return null;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const maxScored = Math.max(1, ...buckets.map((b) => b.scored));
  const x = (i: number) => PAD.l + (buckets.length === 1 ? iw / 2 : (i * iw) / (buckets.length - 1));
  const y = (rate: number) => PAD.t + ih * (1 - rate);
  const barW = Math.max(2, iw / buckets.length - 2);
  const points = buckets.flatMap((b, i) => (b.passRate === null ? [] : [`${x(i)},${y(b.passRate)}`]));
  const label = (t: number) =>
    bucketMs < 86_400_000
      ? new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
      : new Date(t).toLocaleDateString([], { month: "short", day: "numeric" });
  const ticks = [0, Math.floor((buckets.length - 1) / 2), buckets.length - 1].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Pass rate over time"
      data-testid="pass-rate-chart"
      className="w-full max-w-3xl"
    >
      {[0, 0.5, 1].map((r) => (
        <g key={r}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(r)} y2={y(r)} className="stroke-slate-200" />
          <text x={PAD.l - 4} y={y(r) + 4} textAnchor="end" className="fill-slate-500 text-[10px]">
            {Math.round(r * 100)}%
          </text>
        </g>
      ))}
      {buckets.map((b, i) => (
        <rect
          key={b.start}
          x={x(i) - barW / 2}
          width={barW}
          y={PAD.t + ih * (1 - b.scored / maxScored)}
          height={(ih * b.scored) / maxScored}
          className="fill-indigo-100"
        >
          <title>{`${label(b.start)}: ${b.scored} scored, ${b.passed} passed, ${b.failed} failed`}</title>
        </rect>
      ))}
      {points.length > 1 ? (
        <polyline points={points.join(" ")} fill="none" className="stroke-emerald-600" strokeWidth={2} />
      ) : null}
      {buckets.map((b, i) =>
        b.passRate === null ? null : (
          <circle
            key={b.start}
            cx={x(i)}
            cy={y(b.passRate)}
            r={3}
            className="fill-emerald-600"
            data-testid="pass-point"
          >
            <title>{`${label(b.start)}: ${Math.round(b.passRate * 100)}% passed`}</title>
          </circle>
        ),
      )}
      {ticks.map((i) => (
        <text key={i} x={x(i)} y={H - 6} textAnchor="middle" className="fill-slate-500 text-[10px]">
          {label(buckets[i]!.start)}
        </text>
      ))}
    </svg>
  );
}
