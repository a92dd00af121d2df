// GET /api/experiments: list experiments. POST /api/experiments: create one (developer).
import { z } from "zod";
import { route } from "@/lib/http/route";
import { ZCreateExperimentBody } from "@/lib/experiments/schemas";
import { createExperiment, listExperiments } from "@/lib/experiments/service";

const ZQuery = z.object({
  skip: z.coerce.number().int().min(0).default(0),
  take: z.coerce.number().int().min(1).max(1000).default(100),
});

export const GET = route({ role: "REVIEWER", query: ZQuery }, async ({ actor, query }) => ({
  experiments: await listExperiments(actor, query),
}));
export const POST = route({ role: "DEVELOPER", body: ZCreateExperimentBody }, ({ actor, body }) =>
  createExperiment(actor, body),
);
