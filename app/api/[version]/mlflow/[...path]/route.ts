// GET|POST|PATCH|PUT|DELETE /api/{2.0,3.0}/mlflow/...: the MLflow-compatible REST (one route table in lib/mlflow).
import { mlflowHandler } from "@/lib/mlflow/handlers";

export {
  mlflowHandler as GET,
  mlflowHandler as POST,
  mlflowHandler as PATCH,
  mlflowHandler as PUT,
  mlflowHandler as DELETE,
};
