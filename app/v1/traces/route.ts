// POST /v1/traces: OTLP/HTTP trace export (protobuf or JSON; experiment from x-mlflow-experiment-id, default "0").
import { route } from "@/lib/http/route";
import { ingestOtlpExport } from "@/lib/ingestion/ingest-otlp";

export const POST = route({ role: "DEVELOPER" }, ({ actor, req }) => ingestOtlpExport(actor, req));
