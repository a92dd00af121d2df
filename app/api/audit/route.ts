// GET /api/audit: security audit events, newest first, with filters (admin).
import { ZListAuditEventsQuery } from "@/lib/audit/schemas";
import { listAuditEvents } from "@/lib/audit/service";
import { route } from "@/lib/http/route";

export const GET = route({ role: "ADMIN", query: ZListAuditEventsQuery }, ({ actor, query }) =>
  listAuditEvents(actor, query),
);
