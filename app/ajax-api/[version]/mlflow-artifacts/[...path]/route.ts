// /ajax-api/{2.0,3.0}/mlflow-artifacts/...: the artifact API under the web UI's prefix.
export { GET, PUT, DELETE } from "@/app/api/[version]/mlflow-artifacts/[...path]/route";
