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

/** Flattens spans depth-first (children by start time); `collapsed` hides descendants of those ids. */
export function buildSpanTree<S extends TreeSpanInput>(
  spans: readonly S[],
  collapsed: ReadonlySet<string> = new Set(),
): SpanTree<S> {
  if (spans.length === 0) return { rows: [], totalMs: 1 };
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | null, S[]>();
  // Each time parsed once: a 50,000-span trace would otherwise parse BigInts in every sort comparison.
  const startOf = new Map<S, bigint>();
  let minStart = BigInt(spans[0]!.startTimeNs);
  let maxEnd = minStart;
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) && s.parentSpanId !== s.spanId ? s.parentSpanId : null;
    const list = children.get(parent);
    if (list) list.push(s);
    else children.set(parent, [s]);
    const start = BigInt(s.startTimeNs);
    startOf.set(s, start);
    const end = s.endTimeNs ? BigInt(s.endTimeNs) : start;
    if (start < minStart) minStart = start;
    if (end > maxEnd) maxEnd = end;
  }
  // Offsets from the earliest start as numbers (exact for traces shorter than 104 days).
  const offsetNs = new Map<S, number>();
  for (const [s, start] of startOf) offsetNs.set(s, Number(start - minStart));
  const byStart = (a: S, b: S) => {
    const d = offsetNs.get(a)! - offsetNs.get(b)!;
    return d !== 0 ? d : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
  };
  for (const list of children.values()) list.sort(byStart);
  const toMs = (ns: bigint) => Number(ns / 1000n) / 1000;
  const rows: TreeRow<S>[] = [];
  const seen = new Set<string>();
  // Iterative depth-first walk: 5,000-span traces can be deep enough to overflow recursion.
  const stack: { span: S; depth: number }[] = [...(children.get(null) ?? [])]
    .reverse()
    .map((span) => ({ span, depth: 0 }));
  while (stack.length) {
    const { span, depth } = stack.pop()!;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    const kids = children.get(span.spanId) ?? [];
    const start = startOf.get(span)!;
    rows.push({
      span,
      depth,
      hasChildren: kids.length > 0,
      offsetMs: Math.trunc(offsetNs.get(span)! / 1000) / 1000,
      durationMs: span.endTimeNs ? toMs(BigInt(span.endTimeNs) - start) : null,
    });
    if (!collapsed.has(span.spanId))
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i]!, depth: depth + 1 });
  }
  return { rows, totalMs: Math.max(toMs(maxEnd - minStart), 0.001) };
}
