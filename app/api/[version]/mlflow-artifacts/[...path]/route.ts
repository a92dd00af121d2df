// GET|PUT|DELETE /api/{2.0,3.0}/mlflow-artifacts/artifacts/<path>: MLflow artifact proxy (traces.json goes to the database).
import { artifactsHandler } from "@/lib/mlflow/handlers";

export { artifactsHandler as GET, artifactsHandler as PUT, artifactsHandler as DELETE };
