import { route } from "@/lib/http/route";
import { deleteLabelSchema, getLabelSchema, updateLabelSchema } from "@/lib/labeling/label-schemas/service";
import { ZUpdateLabelSchemaBody } from "@/lib/labeling/schemas";

// GET /api/labeling/schemas/<id>: one label schema.
export const GET = route({ role: "REVIEWER" }, ({ actor, params }) => getLabelSchema(actor, params.schemaId as string));

// PATCH /api/labeling/schemas/<id>: edit; a schema in use only in ways that keep its labels valid (409 says why not).
export const PATCH = route({ role: "DEVELOPER", body: ZUpdateLabelSchemaBody }, ({ actor, body, params }) =>
  updateLabelSchema(actor, params.schemaId as string, body),
);

// DELETE /api/labeling/schemas/<id>: delete a schema no session uses.
export const DELETE = route({ role: "DEVELOPER" }, ({ actor, params }) =>
  deleteLabelSchema(actor, params.schemaId as string),
);
