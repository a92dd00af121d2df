/**
 * Span tree for the trace view (client-safe, pure): orders spans depth-first under their
 * parents and computes each row's depth and waterfall offsets, so a virtualised list can
 * render any row without walking the tree. Orphans (parent not in the trace) become roots.
 */
export interface TreeSpanInput {
  spanId: string;
  parentSpanId: string | null;
  startTimeNs: string;
  endTimeNs: string | null;
}

export interface TreeRow<S extends TreeSpanInput> {
  span: S;
  depth: number;
  hasChildren: boolean;
  /** Start and duration relative to the trace, in milliseconds. */
  offsetMs: number;
  durationMs: number | null;
}

export interface SpanTree<S extends TreeSpanInput> {
  rows: TreeRow<S>[];
  /** From the earliest start to the latest end, in milliseconds (never 0, so ratios work). */
  totalMs: number;
}

/**
 * A decimal nanosecond time as two exact numbers: the digits above 10^9 and the 9 below (19-digit
 * times exceed 2^53, so a plain Number would round). Differences of such pairs are exact while
 * below 2^53 ns (104 days). No BigInt: parsing 100,000 of them was most of a 50,000-span build.
 */
const highNs = (ns: string) => (ns.length > 9 ? Number(ns.slice(0, -9)) : 0);
const lowNs = (ns: string) => Number(ns.length > 9 ? ns.slice(-9) : ns);

/** Nanoseconds to milliseconds with microsecond resolution, truncated toward zero. */
const toMs = (ns: number) => Math.trunc(ns / 1000) / 1000;

/** Flattens spans depth-first (children by start time); `collapsed` hides descendants of those ids. */
export function buildSpanTree<S extends TreeSpanInput>(
  spans: readonly S[],
  collapsed: ReadonlySet<string> = new Set(),
): SpanTree<S> {
  const n = spans.length;
  if (n === 0) return { rows: [], totalMs: 1 };
  const indexOf = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!indexOf.has(spans[i]!.spanId)) indexOf.set(spans[i]!.spanId, i);
  // Times parsed once, as offsets from the earliest start in plain numbers (indexed by span).
  const hi = new Float64Array(n);
  const lo = new Float64Array(n);
  let minHi = Infinity;
  let minLo = Infinity;
  for (let i = 0; i < n; i++) {
    const ns = spans[i]!.startTimeNs;
    const [h, l] = [(hi[i] = highNs(ns)), (lo[i] = lowNs(ns))];
    if (h < minHi || (h === minHi && l < minLo)) {
      minHi = h;
      minLo = l;
    }
  }
  const start = new Float64Array(n);
  const end = new Float64Array(n); // NaN: no end time
  let maxEnd = 0;
  for (let i = 0; i < n; i++) {
    start[i] = (hi[i]! - minHi) * 1e9 + (lo[i]! - minLo);
    const endNs = spans[i]!.endTimeNs;
    end[i] = endNs ? (highNs(endNs) - minHi) * 1e9 + (lowNs(endNs) - minLo) : NaN;
    maxEnd = Math.max(maxEnd, Number.isNaN(end[i]!) ? start[i]! : end[i]!);
  }
  // Children lists by parent index (-1: a root; orphans and self-parents are roots too).
  const children = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = spans[i]!;
    const p = s.parentSpanId && s.parentSpanId !== s.spanId ? (indexOf.get(s.parentSpanId) ?? -1) : -1;
    const list = children.get(p);
    if (list) list.push(i);
    else children.set(p, [i]);
  }
  const byStart = (a: number, b: number) => {
    const d = start[a]! - start[b]!;
    if (d !== 0) return d;
    const [x, y] = [spans[a]!.spanId, spans[b]!.spanId];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  for (const list of children.values()) list.sort(byStart);
  const rows: TreeRow<S>[] = [];
  // A span id seen twice is shown once (the first copy); ids are unique in stored traces.
  const seen = indexOf.size < n ? new Set<string>() : null;
  const visited = new Uint8Array(n);
  // Iterative depth-first walk (5,000-span traces can be deep enough to overflow recursion),
  // its stack as two plain number arrays.
  const stackIndex = [...(children.get(-1) ?? [])].reverse();
  const stackDepth = stackIndex.map(() => 0);
  while (stackIndex.length) {
    const i = stackIndex.pop()!;
    const depth = stackDepth.pop()!;
    const span = spans[i]!;
    if (visited[i] || seen?.has(span.spanId)) continue;
    visited[i] = 1;
    seen?.add(span.spanId);
    const kids = children.get(i);
    rows.push({
      span,
      depth,
      hasChildren: kids !== undefined,
      offsetMs: toMs(start[i]!),
      durationMs: Number.isNaN(end[i]!) ? null : toMs(end[i]! - start[i]!),
    });
    if (kids && !collapsed.has(span.spanId))
      for (let k = kids.length - 1; k >= 0; k--) {
        stackIndex.push(kids[k]!);
        stackDepth.push(depth + 1);
      }
  }
  return { rows, totalMs: Math.max(toMs(maxEnd), 0.001) };
}
