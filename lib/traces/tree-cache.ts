import { deflatePart, type DeflatedPart } from "@/lib/http/gzip-join";

/**
 * The compact span tree's JSON, computed once per trace version and shared. Building it for a
 * 50,000-span trace holds the server's one thread for a noticeable time (rows from the driver,
 * the encoding, the stringify), so when a team opens a shared big trace at once, every request
 * but the first waits for the same result instead of building its own, and a reopened trace is
 * served from memory. The version (span count and last write) changes with every write that
 * touches the trace, so a cached tree is never stale. Bounded by bytes, oldest dropped first.
 * Kept as UTF-8 and compressed (lib/http/gzip-join.ts): each open sends it without encoding or
 * compressing it again.
 */
const MAX_BYTES = 64 * 1024 * 1024;
const TTL_MS = 5 * 60_000;

/** A tree part, and its root span (the first span in start order without a parent in the trace). */
export interface CachedTree extends DeflatedPart {
  rootSpanId: string | null;
}

interface Entry {
  tree: CachedTree;
  bytes: number;
  at: number;
}

// One cache per server process (globalThis: Next.js bundles route handlers separately).
const state = ((globalThis as { __tracelightTreeCache?: TreeCacheState }).__tracelightTreeCache ??= {
  done: new Map(),
  inFlight: new Map(),
  bytes: 0,
});

interface TreeCacheState {
  /** Insertion order is age order: the first entry is the oldest. */
  done: Map<string, Entry>;
  inFlight: Map<string, Promise<CachedTree>>;
  bytes: number;
}

function evict(key: string) {
  const entry = state.done.get(key);
  if (!entry) return;
  state.done.delete(key);
  state.bytes -= entry.bytes;
}

function store(key: string, tree: CachedTree) {
  const bytes = tree.utf8.length + tree.deflated.length;
  if (bytes > MAX_BYTES / 4) return; // one giant tree must not push every other out
  evict(key);
  state.done.set(key, { tree, bytes, at: Date.now() });
  state.bytes += bytes;
  for (const oldest of state.done.keys()) {
    if (state.bytes <= MAX_BYTES) break;
    evict(oldest);
  }
}

/** The tree JSON of `traceId` at `version`, built by `build` only when neither cached nor being built. */
export function sharedTree(
  traceId: string,
  version: string,
  build: () => Promise<{ json: string; rootSpanId: string | null }>,
): Promise<CachedTree> {
  const key = `${traceId}\u0000${version}`;
  const hit = state.done.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return Promise.resolve(hit.tree);
  evict(key);
  const pending = state.inFlight.get(key);
  if (pending) return pending;
  const promise = build()
    .then(async ({ json, rootSpanId }) => ({ ...(await deflatePart(json)), rootSpanId }))
    .then((tree) => {
      store(key, tree);
      return tree;
    })
    .finally(() => state.inFlight.delete(key));
  state.inFlight.set(key, promise);
  return promise;
}

/** Drops every cached tree (tests). */
export function clearTreeCache() {
  state.done.clear();
  state.inFlight.clear();
  state.bytes = 0;
}
