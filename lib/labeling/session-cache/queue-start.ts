import "server-only";

/**
 * Where a session's queue walk starts. A claim takes the first item in order with a free slot
 * that the reviewer has not had (lib/labeling/review/claims.ts), which means probing the claims
 * of every item before it: late in a long session, every Next walked past all the full items
 * (2,000 full items before the free ones took PostgreSQL's submit-and-next p95 from ~46 ms to
 * ~330 ms with 40 reviewers, bench/review-queue --prefill). Items only fill up, except when a slot is freed
 * (a skip, a release, an abandoned claim), so this process remembers per session the position
 * of the first item that was not full when it last looked, and claims walk from there.
 *
 * It is a hint, never a rule: a walk from the hint that finds nothing walks again from the
 * start (claimWork, claimNext), slots freed in this process forget the hint (queueChanged), as
 * do edits of a session (forgetQueueStarts: more labels per item reopen full items), and
 * it is recomputed from the start at most every REFRESH_MS, off the request's path (claims.ts
 * owns the query, as it owns every rule of the queue; this module only keeps the answer). A slot freed
 * by another server process is therefore offered once this one's walk from the hint runs dry or
 * within REFRESH_MS, never lost.
 */
export const REFRESH_MS = 2_000;

interface Mark {
  position: number;
  /** When the last recompute started (Date.now()). */
  at: number;
  running: boolean;
}

const marks = new Map<string, Mark>();
/** Beyond this many sessions the hints start afresh (bounds memory; a forgotten hint walks from 0). */
const MAX_SESSIONS = 10_000;

function remember(sessionId: string, mark: Mark): Mark {
  if (!marks.has(sessionId) && marks.size >= MAX_SESSIONS) marks.clear();
  marks.set(sessionId, mark);
  return mark;
}

/** The position this session's walk starts from (0 when unknown). */
export function queueStart(sessionId: string): number {
  return marks.get(sessionId)?.position ?? 0;
}

/** Walk from the start, and recompute at the next claim (a recompute running now is discarded). */
function forget(mark: Mark | undefined): void {
  if (!mark) return;
  mark.position = 0;
  mark.at = 0;
}

/** A slot of the session was freed: walk from the start until the next recompute. */
export function queueChanged(sessionId: string): void {
  forget(marks.get(sessionId));
}

/** Every session's hint (a session's settings changed: lib/labeling/session-cache/recent.ts). */
export function forgetQueueStarts(): void {
  for (const mark of marks.values()) forget(mark);
}

/**
 * Recomputes the session's start in the background with `compute` when it is older than
 * REFRESH_MS. A failure only leaves the hint as it was.
 */
export function refreshQueueStartIfDue(sessionId: string, compute: () => Promise<number>): void {
  const mark = marks.get(sessionId) ?? remember(sessionId, { position: 0, at: 0, running: false });
  if (mark.running || Date.now() - mark.at < REFRESH_MS) return;
  mark.running = true;
  mark.at = Date.now();
  const startedAt = mark.at;
  void compute()
    .then((position) => {
      // A slot freed while this ran (queueChanged reset `at`) wins over what it found.
      if (mark.at === startedAt) mark.position = position;
    })
    .catch(() => {})
    .finally(() => {
      mark.running = false;
    });
}

/** Sets the session's start now (a recompute the caller waited for). */
export function setQueueStart(sessionId: string, position: number): void {
  remember(sessionId, { position, at: Date.now(), running: false });
}
