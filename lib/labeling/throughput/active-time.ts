/**
 * Active time on an item: what the browser counts (a visible, focused tab with input in the
 * last ACTIVE_INPUT_WINDOW_MS) and the limits the server applies to each report. Pure and
 * client-safe, shared by the review screen's tracker and the heartbeat service.
 */

/** How often the review screen reports the time it counted. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A reviewer counts as active this long after their last key press, click, scroll or mouse move. */
export const ACTIVE_INPUT_WINDOW_MS = 30_000;
/**
 * The most one report may add: a heartbeat's interval with room for a late timer. A tab that
 * was asleep, or a client that lies, cannot add hours at once.
 */
export const MAX_HEARTBEAT_MS = 60_000;

/** The part of a reported duration the server accepts. */
export function capHeartbeat(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(Math.round(ms), MAX_HEARTBEAT_MS);
}

export interface ReviewerThroughputDto {
  userId: string;
  email: string;
  /** Items they submitted. */
  completed: number;
  /** Active time on the items they submitted. */
  activeMs: number;
  /** completed per hour of active time; null before any time was measured. */
  itemsPerHour: number | null;
  /** The median active time per submitted item (ms), null without measurements. */
  medianMs: number | null;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Per reviewer: submitted items, their active time, items per hour and the median time per item. */
export function summarizeThroughput(
  rows: readonly { userId: string; email: string; activeMs: number; completed: boolean }[],
): ReviewerThroughputDto[] {
  const byUser = new Map<string, { email: string; times: number[]; completed: number }>();
  for (const r of rows) {
    const u = byUser.get(r.userId) ?? { email: r.email, times: [], completed: 0 };
    if (r.completed) {
      u.completed++;
      if (r.activeMs > 0) u.times.push(r.activeMs);
    }
    byUser.set(r.userId, u);
  }
  return [...byUser]
    .map(([userId, u]) => {
      const activeMs = u.times.reduce((a, b) => a + b, 0);
      return {
        userId,
        email: u.email,
        completed: u.completed,
        activeMs,
        // Only items with measured time count, so an item labeled through the API does not look instant.
        itemsPerHour: activeMs > 0 ? (u.times.length * 3_600_000) / activeMs : null,
        medianMs: median(u.times),
      };
    })
    .sort((a, b) => b.completed - a.completed || a.email.localeCompare(b.email));
}
