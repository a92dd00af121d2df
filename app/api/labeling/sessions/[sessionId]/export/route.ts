import { pathParams } from "@/lib/http/params";
import { publicOrigin } from "@/lib/http/public-url";
import { route } from "@/lib/http/route";
import { exportSessionLabels } from "@/lib/labeling/export/service";
import { ZExportQuery } from "@/lib/labeling/schemas";

// GET /api/labeling/sessions/<id>/export?format=csv|jsonl: download the submitted labels, with question texts and trace links.
export const GET = route(
  { role: "DEVELOPER", query: ZExportQuery, params: pathParams("sessionId") },
  ({ actor, query, params, req }) => exportSessionLabels(actor, params.sessionId, query.format, publicOrigin(req)),
);
