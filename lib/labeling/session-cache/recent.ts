/**
 * Sessions a reviewer was let into, remembered for a moment (lib/auth/recent.ts: RECENT_MS) so
 * that every Submit and Next of a busy queue does not load the session, its questions and its
 * reviewers again (five queries; definitions change rarely). The reader is
 * loadSessionForReviewer (lib/labeling/sessions/access.ts), which remembers only good news: a
 * reviewer the remembered copy does not let in is checked against the database every time.
 *
 * Every edit of a session, its questions or reviewers forgets them all in this process
 * (forgetRecentSessions); other server processes of the same database notice within
 * RECENT_MS. A folder of its own, so the label-schema service can forget without the
 * sessions and label-schemas folders importing each other.
 */
import "server-only";
import { recentMap, type RecentMap } from "@/lib/auth/recent";
import { forgetQueueStarts } from "@/lib/labeling/session-cache/queue-start";

export const recentSessions = <S>(): RecentMap<S> => recentMap<S>("labeling.sessions");

/**
 * Call after any change to a session, its questions or reviewers. The queues' start hints go too
 * (lib/labeling/session-cache/queue-start.ts): more labels per item reopen items before them.
 */
export function forgetRecentSessions(): void {
  recentSessions().clear();
  forgetQueueStarts();
}
