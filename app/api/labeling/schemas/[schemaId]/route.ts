import { pathParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { deleteLabelSchema, getLabelSchema, updateLabelSchema } from "@/lib/labeling/label-schemas/service";
import { ZUpdateLabelSchemaBody } from "@/lib/labeling/schemas";

// GET /api/labeling/schemas/<id>: one label schema.
export const GET = route({ role: "REVIEWER", params: pathParams("schemaId") }, ({ actor, params }) =>
  getLabelSchema(actor, params.schemaId),
);

// PATCH /api/labeling/schemas/<id>: edit; a schema in use only in ways that keep its labels valid (409 says why not).
export const PATCH = route(
  { role: "DEVELOPER", body: ZUpdateLabelSchemaBody, params: pathParams("schemaId") },
  ({ actor, body, params }) => updateLabelSchema(actor, params.schemaId, body),
);

// DELETE /api/labeling/schemas/<id>: delete a schema no session uses.
export const DELETE = route({ role: "DEVELOPER", params: pathParams("schemaId") }, ({ actor, params }) =>
  deleteLabelSchema(actor, params.schemaId),
);
