/**
 * What a request's credentials were found to be, remembered for a moment (RECENT_MS), so a
 * client sending many requests a second (an OTLP exporter sends one per span) costs one lookup
 * of its API key, session user and lock state per moment rather than per request.
 *
 * Only good news is remembered (a valid key, an active user, an address without failures): a
 * wrong key is checked, counted and throttled every time. Every change that takes access away
 * (revoking a key, disabling a user, changing a role, ending sessions, resetting a password, a
 * failure from an address) forgets at once in this process (forgetRecentCredentials, or the
 * entry itself); other server processes of the same database notice within RECENT_MS.
 *
 * The maps live on globalThis: Next.js may bundle this module more than once in one server
 * (instrumentation and route handlers), and a forget must reach every copy.
 */
export const RECENT_MS = 2_000;
/** Beyond this many entries the map starts afresh (bounds memory under many keys or addresses). */
const MAX_ENTRIES = 10_000;

export class RecentMap<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: now + RECENT_MS });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

const shared = globalThis as unknown as { __tracelightRecentCredentials?: Map<string, RecentMap<unknown>> };

/** The process-wide map called `name`. */
export function recentMap<V>(name: string): RecentMap<V> {
  const all = (shared.__tracelightRecentCredentials ??= new Map());
  let map = all.get(name);
  if (!map) all.set(name, (map = new RecentMap<unknown>()));
  return map as RecentMap<V>;
}

/** Forgets every remembered key, user and lock state: call after any change that takes access away. */
export function forgetRecentCredentials(): void {
  for (const map of shared.__tracelightRecentCredentials?.values() ?? []) map.clear();
}
