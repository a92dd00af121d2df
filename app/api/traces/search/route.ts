// POST /api/traces/search: one page of traces for the traces table (MLflow filter, order, page token).
import { route } from "@/lib/http/route";
import { ZSearchTracesBody } from "@/lib/traces/schemas";
import { searchTraces } from "@/lib/traces/search/service";

export const POST = route({ role: "REVIEWER", body: ZSearchTracesBody }, ({ actor, body }) =>
  searchTraces(actor, body),
);
