/**
 * Timeline logic for the trace view's waterfall (client-safe, pure): the time axis ticks (the
 * critical path is span-tree-model.ts's).
 */

export interface AxisTick {
  /** Milliseconds from the trace start. */
  ms: number;
  /** Position on the axis, 0..100 (percent of the trace's duration). */
  percent: number;
  label: string;
}

/** A "nice" step (1, 2 or 5 × 10^k ms) giving at most `maxTicks` intervals over `totalMs`. */
function niceStep(totalMs: number, maxTicks: number): number {
  const raw = totalMs / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** `750 ms`, `0.25 ms`, `1.5 s`, `12 s`: seconds once the axis spans a second or more. */
export function formatTick(ms: number, totalMs: number): string {
  if (totalMs >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${Number(ms.toFixed(3))} ms`;
}

/** Ticks from 0 to the trace's end at a nice step (0 always included). */
export function timeAxisTicks(totalMs: number, maxTicks = 6): AxisTick[] {
  if (!(totalMs > 0)) return [{ ms: 0, percent: 0, label: formatTick(0, 0) }];
  const step = niceStep(totalMs, maxTicks);
  const ticks: AxisTick[] = [];
  // Multiply rather than accumulate, so 0.1-ms steps don't drift.
  for (let i = 0; i * step <= totalMs * (1 + 1e-9); i++) {
    const ms = i * step;
    ticks.push({ ms, percent: (ms / totalMs) * 100, label: formatTick(ms, totalMs) });
  }
  return ticks;
}
