import "server-only";
/**
 * The Next.js handlers that mount the MLflow route table and the mlflow-artifacts API. The
 * route wrapper authenticates (API key as Bearer or Basic password, or the session) and maps
 * thrown errors to MLflow's `{error_code, message}`; each route then checks its own role.
 */
import { z } from "zod";
import { deleteArtifact, getArtifact, listArtifacts, putArtifact } from "@/lib/artifacts/service";
import { readBodyLimited } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { endpointNotFound, compileRoutes, runMlflowRoute, type MlflowVersion } from "./router";
import { assessmentRoutes } from "./routes/assessments";
import { datasetRoutes } from "./routes/datasets";
import { experimentRunRoutes } from "./routes/experiments-runs";
import { labelSchemaRoutes } from "./routes/label-schemas";
import { loggedModelRoutes } from "./routes/logged-models";
import { reviewQueueRoutes } from "./routes/review-queues";
import { runDataRoutes } from "./routes/run-data";
import { traceRoutes } from "./routes/traces";

const VERSIONS = new Set(["2.0", "3.0"]);
const match = compileRoutes([
  ...traceRoutes,
  ...datasetRoutes,
  ...loggedModelRoutes,
  ...assessmentRoutes,
  ...experimentRunRoutes,
  ...labelSchemaRoutes,
  ...reviewQueueRoutes,
  ...runDataRoutes,
]);

// `[version]/mlflow/[...path]`: Next fills both; the catch-all arrives as the list of segments.
const ZMlflowPath = z.object({ version: z.string(), path: z.array(z.string()).default([]) });

/** `/{api,ajax-api}/{2.0,3.0}/mlflow/<path>`: one handler for every method. */
export const mlflowHandler = route({ role: "REVIEWER", params: ZMlflowPath }, async ({ actor, req, params }) => {
  const { version } = params;
  const m = VERSIONS.has(version) ? match(req.method, version, params.path) : null;
  if (!m) return endpointNotFound(req);
  return runMlflowRoute(m, { actor, req, version: version as MlflowVersion });
});

/** `/{api,ajax-api}/{2.0,3.0}/mlflow-artifacts/artifacts[/<path>]`: upload, download, list, delete. */
export const artifactsHandler = route({ role: "REVIEWER", params: ZMlflowPath }, async ({ actor, req, params }) => {
  const [head, ...rest] = params.path;
  if (!VERSIONS.has(params.version) || head !== "artifacts") return endpointNotFound(req);
  const relPath = rest.map((s) => decodeURIComponent(s)).join("/");
  if (!relPath) {
    if (req.method !== "GET") return endpointNotFound(req);
    return listArtifacts(actor, req.nextUrl.searchParams.get("path") ?? undefined);
  }
  switch (req.method) {
    case "PUT":
      await putArtifact(actor, relPath, await readBodyLimited(req));
      return {};
    case "GET": {
      const { body, contentType } = await getArtifact(actor, relPath);
      return new Response(typeof body === "string" ? body : Buffer.from(body), {
        headers: { "content-type": contentType },
      });
    }
    case "DELETE":
      await deleteArtifact(actor, relPath);
      return {};
    default:
      return endpointNotFound(req);
  }
});
