// /ajax-api/{2.0,3.0}/mlflow/...: the same MLflow REST as /api/..., under the prefix MLflow's web UI uses.
export { GET, POST, PATCH, PUT, DELETE } from "@/app/api/[version]/mlflow/[...path]/route";
