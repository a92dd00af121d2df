// GET /version: the MLflow server version we speak, as plain text (clients need >= 3.4 to send spans over OTLP).
import { MLFLOW_COMPAT_VERSION } from "@/lib/mlflow/version";

export const dynamic = "force-static";
export const GET = () =>
  new Response(MLFLOW_COMPAT_VERSION, { headers: { "content-type": "text/plain; charset=utf-8" } });
