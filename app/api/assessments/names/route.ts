// GET /api/assessments/names?experimentId=: distinct assessment (name, kind) in an experiment (table columns, name suggestions).
import { z } from "zod";
import { route } from "@/lib/http/route";
import { listAssessmentNames } from "@/lib/assessments/service";

export const GET = route(
  { role: "REVIEWER", query: z.object({ experimentId: z.string().min(1) }) },
  async ({ actor, query }) => ({ names: await listAssessmentNames(actor, query.experimentId) }),
);
