import { route } from "@/lib/http/route";
import { listMyReviewSessions } from "@/lib/labeling/my-sessions/service";
import { ZPageTokenQuery } from "@/lib/paging/schemas";

// GET /api/labeling/review/sessions: the caller's review queue: sessions assigned to them or open to all, with progress.
export const GET = route({ role: "REVIEWER", query: ZPageTokenQuery }, ({ actor, query }) =>
  listMyReviewSessions(actor, query),
);
