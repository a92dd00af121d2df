/**
 * The MLflow server version this app answers on GET /version. MLflow's Python client sends
 * spans over OTLP only when it is >= 3.4; 3.11 is the version whose wire format we follow
 * (JSON and compressed OTLP bodies included).
 */
export const MLFLOW_COMPAT_VERSION = "3.11.0";
