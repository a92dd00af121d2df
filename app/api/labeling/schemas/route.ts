import { route } from "@/lib/http/route";
import { createLabelSchema, listLabelSchemas } from "@/lib/labeling/label-schemas/service";
import { ZCreateLabelSchemaRequest, ZExperimentListQuery } from "@/lib/labeling/schemas";

// GET /api/labeling/schemas?experimentId=: the experiment's label schemas, by name, paginated.
export const GET = route({ role: "REVIEWER", query: ZExperimentListQuery }, ({ actor, query }) =>
  listLabelSchemas(actor, query),
);

// POST /api/labeling/schemas: create a label schema (409 on a taken name unless overwrite).
export const POST = route({ role: "DEVELOPER", body: ZCreateLabelSchemaRequest }, ({ actor, body }) =>
  createLabelSchema(actor, body),
);
