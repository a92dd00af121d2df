/**
 * The trace view's span tree, read straight from the compact wire columns (tree-wire.ts) without
 * an object per span (client-safe, pure). The server already sends parents as indexes and times
 * as numeric offsets, so the depth-first rows, the waterfall and the critical path of a
 * 50,000-span trace are index arithmetic over typed arrays; only the spans drawn (the visible
 * rows, the selected one) become objects. Building 50,000 span objects with string times, a
 * Map by id and BigInt comparisons took most of a second of the browser's main thread before
 * the first row showed (docs/benchmarks.md, the 50,000-span trace).
 */
import { spanAt, type SpanSummaryDto, type SpanTreeWire } from "./tree-wire";

/** Nanoseconds to milliseconds with microsecond resolution, truncated toward zero (as span-tree.ts). */
const toMs = (ns: number) => Math.trunc(ns / 1000) / 1000;

/** Children of every span as one flat array (CSR): the children of i are `child[first[i] .. first[i + 1])`. */
interface Children {
  first: Int32Array;
  child: Int32Array;
  /** Spans without a parent in the trace (orphans, and spans on a parent cycle), earliest first. */
  roots: Int32Array;
}

export class SpanTreeModel {
  readonly size: number;
  private readonly base: { hi: number; lo: number };
  /** The earliest start offset: 0 from this server (baseNs is the earliest start), kept general. */
  private readonly t0: number;
  private children: Children | null = null;
  private lastLookup: { spanId: string; index: number } | null = null;
  private scans = 0;
  private byId: Map<string, number> | null = null;

  constructor(readonly wire: SpanTreeWire) {
    this.size = wire.spanIds.length;
    this.base = {
      hi: wire.baseNs.length > 9 ? Number(wire.baseNs.slice(0, -9)) : 0,
      lo: Number(wire.baseNs.slice(-9)),
    };
    let t0 = this.size ? Infinity : 0;
    for (const start of wire.starts) t0 = Math.min(t0, start);
    this.t0 = t0;
  }

  spanId(i: number): string {
    return this.wire.spanIds[i]!;
  }
  name(i: number): string {
    return this.wire.names[this.wire.nameIndex[i]!]!;
  }
  spanType(i: number): string {
    return this.wire.types[this.wire.typeIndex[i]!]!;
  }
  statusCode(i: number): string {
    return this.wire.statuses[this.wire.statusIndex[i]!]!;
  }
  /** Start, in ns after the trace's earliest start. */
  startNs(i: number): number {
    return this.wire.starts[i]! - this.t0;
  }
  /** Duration in ns; null while the span has not ended. */
  durationNs(i: number): number | null {
    return this.wire.durations[i] ?? null;
  }

  /**
   * The index of a span id, -1 if absent. The view looks up one span per selection: a scan,
   * remembered for the last id, costs less than a Map of every id built up front. After a few
   * scans (many span assessments to name, many clicks) the Map pays off and is built once.
   */
  indexOf(spanId: string): number {
    if (this.byId) return this.byId.get(spanId) ?? -1;
    if (this.lastLookup?.spanId === spanId) return this.lastLookup.index;
    if (++this.scans > 16) {
      this.byId = new Map();
      for (let i = this.size - 1; i >= 0; i--) this.byId.set(this.wire.spanIds[i]!, i);
      return this.indexOf(spanId);
    }
    this.lastLookup = { spanId, index: this.wire.spanIds.indexOf(spanId) };
    return this.lastLookup.index;
  }

  /** The span the view shows first: the earliest one without a parent in the trace; -1 without spans. */
  get root(): number {
    const roots = this.tree().roots;
    return roots.length ? roots[0]! : -1;
  }

  /** One span as the detail pane shows it (absolute times). */
  summary(i: number): SpanSummaryDto {
    return spanAt(this.wire, i, this.base.hi, this.base.lo);
  }

  /** The children lists, built once per trace (collapsing only changes which are walked). */
  tree(): Children {
    return (this.children ??= buildChildren(this));
  }
}

/** Children in start order (then span id, as the tree's rows are sent); spans on a parent cycle become roots. */
function buildChildren(m: SpanTreeModel): Children {
  const n = m.size;
  const order = startOrder(m);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = m.wire.parents[i]!;
    parent[i] = p === i ? -1 : p;
  }
  const build = () => {
    const first = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) first[parent[i]! + 1] = first[parent[i]! + 1]! + 1;
    for (let i = 0; i < n; i++) first[i + 1] = first[i + 1]! + first[i]!;
    const fill = first.slice(0, n);
    const child = new Int32Array(first[n]!);
    const roots: number[] = [];
    for (const i of order) {
      const p = parent[i]!;
      if (p < 0) roots.push(i);
      else child[fill[p]!] = i;
      if (p >= 0) fill[p] = fill[p]! + 1;
    }
    return { first, child, roots: Int32Array.from(roots) };
  };
  let children = build();
  // A span whose ancestors loop never reaches a root; it becomes one, so nothing stored is hidden.
  const reached = new Uint8Array(n);
  const stack = Array.from(children.roots);
  while (stack.length) {
    const i = stack.pop()!;
    reached[i] = 1;
    for (let k = children.first[i]!; k < children.first[i + 1]!; k++) stack.push(children.child[k]!);
  }
  if (reached.includes(0)) {
    for (let i = 0; i < n; i++) if (!reached[i]) parent[i] = -1;
    children = build();
  }
  return children;
}

/** Span indexes by start, then span id: the wire's own order, checked rather than assumed. */
function startOrder(m: SpanTreeModel): Int32Array {
  const order = new Int32Array(m.size);
  let sorted = true;
  for (let i = 0; i < m.size; i++) {
    order[i] = i;
    if (i > 0 && compareStart(m, i - 1, i) > 0) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => compareStart(m, a, b));
}

function compareStart(m: SpanTreeModel, a: number, b: number): number {
  const d = m.startNs(a) - m.startNs(b);
  if (d !== 0) return d;
  const [x, y] = [m.spanId(a), m.spanId(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The rows a tree view draws: span indexes depth-first, with their depths. */
export interface TreeLayout {
  /** The span index of each row. */
  order: Int32Array;
  depth: Int32Array;
  /** From the earliest start to the latest end, in milliseconds (never 0, so ratios work). */
  totalMs: number;
}

/** Depth-first rows (children by start time); `collapsed` hides the descendants of those span ids. */
export function layoutTree(m: SpanTreeModel, collapsed: ReadonlySet<string> = new Set()): TreeLayout {
  const { first, child, roots } = m.tree();
  const order: number[] = [];
  const depth: number[] = [];
  // Iterative: deep chains would overflow recursion.
  const stack: number[] = [];
  const stackDepth: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) {
    stack.push(roots[r]!);
    stackDepth.push(0);
  }
  while (stack.length) {
    const i = stack.pop()!;
    const d = stackDepth.pop()!;
    order.push(i);
    depth.push(d);
    if (first[i + 1]! > first[i]! && !(collapsed.size && collapsed.has(m.spanId(i))))
      for (let k = first[i + 1]! - 1; k >= first[i]!; k--) {
        stack.push(child[k]!);
        stackDepth.push(d + 1);
      }
  }
  let maxEnd = 0;
  for (let i = 0; i < m.size; i++) maxEnd = Math.max(maxEnd, m.startNs(i) + (m.durationNs(i) ?? 0));
  return { order: Int32Array.from(order), depth: Int32Array.from(depth), totalMs: Math.max(toMs(maxEnd), 0.001) };
}

/** Whether span `i` has children (drawn with an expand/collapse toggle). */
export function hasChildren(m: SpanTreeModel, i: number): boolean {
  const { first } = m.tree();
  return first[i + 1]! > first[i]!;
}

/** A row's waterfall position: start and duration relative to the trace, in milliseconds. */
export function rowTiming(m: SpanTreeModel, i: number): { offsetMs: number; durationMs: number | null } {
  const d = m.durationNs(i);
  return { offsetMs: toMs(m.startNs(i)), durationMs: d === null ? null : toMs(d) };
}

/**
 * The critical path: the chain of spans that determines when the trace ends. From the root that
 * ends last, repeatedly the child that ends last; an unfinished span counts as ending at its
 * start; on a tie the later start (the span that really held the end up), then the greater id.
 * Returns span indexes, root first.
 */
export function criticalPath(m: SpanTreeModel): number[] {
  if (!m.size) return [];
  const { first, child, roots } = m.tree();
  const end = (i: number) => m.startNs(i) + (m.durationNs(i) ?? 0);
  const later = (a: number, b: number) => {
    const d = end(a) - end(b) || m.startNs(a) - m.startNs(b);
    return d !== 0 ? d > 0 : m.spanId(a) > m.spanId(b);
  };
  const last = (from: Int32Array, start: number, stop: number) => {
    let best = from[start]!;
    for (let k = start + 1; k < stop; k++) if (later(from[k]!, best)) best = from[k]!;
    return best;
  };
  const path = [last(roots, 0, roots.length)];
  for (let i = path[0]!; first[i + 1]! > first[i]!;) path.push((i = last(child, first[i]!, first[i + 1]!)));
  return path;
}
