/**
 * Timeline logic for the trace view's waterfall (client-safe, pure): the time axis ticks and the
 * critical path.
 */
import type { TreeSpanInput } from "./span-tree";

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

/**
 * The critical path: the chain of spans that determines when the trace ends. From the root (the
 * parentless span ending last), repeatedly the child that ends last; an unfinished span counts
 * as ending at its start. Orphans (parent not in the trace) count as roots, as in the tree.
 * Returns the span ids, root first.
 */
export function criticalPath(spans: readonly TreeSpanInput[]): string[] {
  if (!spans.length) return [];
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, TreeSpanInput[]>();
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) && s.parentSpanId !== s.spanId ? s.parentSpanId : null;
    const list = children.get(parent);
    if (list) list.push(s);
    else children.set(parent, [s]);
  }
  const end = (s: TreeSpanInput) => BigInt(s.endTimeNs ?? s.startTimeNs);
  // Ending last wins; on a tie the later start (the span that really held the end up), then the id.
  const last = (list: readonly TreeSpanInput[]) =>
    list.reduce((best, s) => {
      const d = end(s) - end(best);
      if (d !== 0n) return d > 0n ? s : best;
      const ds = BigInt(s.startTimeNs) - BigInt(best.startTimeNs);
      if (ds !== 0n) return ds > 0n ? s : best;
      return s.spanId > best.spanId ? s : best;
    });
  const path: string[] = [];
  const seen = new Set<string>();
  let current: TreeSpanInput | undefined = last(children.get(null) ?? spans);
  while (current && !seen.has(current.spanId)) {
    seen.add(current.spanId);
    path.push(current.spanId);
    const kids = children.get(current.spanId);
    current = kids?.length ? last(kids) : undefined;
  }
  return path;
}
