// GET /api/evaluation/runs/:runId/rows?page=&pageSize=&status=: a page of rows with every score and rationale.
import { listRunRows } from "@/lib/evaluation/runs/service";
import { ZRunRowsQuery } from "@/lib/evaluation/schemas";
import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route(
  { role: "DEVELOPER", query: ZRunRowsQuery, params: pathParams("runId") },
  ({ actor, query, params }) => listRunRows(actor, params.runId, query),
);
