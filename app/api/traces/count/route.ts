// POST /api/traces/count: how many traces match a filter (exact up to 10,000, then "more than").
import { route } from "@/lib/http/route";
import { ZCountTracesBody } from "@/lib/traces/schemas";
import { countTraces } from "@/lib/traces/search/service";

export const POST = route({ role: "REVIEWER", body: ZCountTracesBody }, ({ actor, body }) => countTraces(actor, body));
