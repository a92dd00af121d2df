#!/usr/bin/env bash
# Makes the real MLflow tracking server runnable on this machine (Debian 12, no PyPI): MLflow
# itself (built from source, with fastapi/starlette/pydantic/opentelemetry) lives in MLFLOW_SITE;
# the server's remaining dependencies come from Debian's archive. Idempotent: installs only what
# is missing, then checks that the server app imports. Exits non-zero, saying what is missing,
# when it cannot work.
#
#   bash bench/mlflow-compare/setup-mlflow-server.sh
#
# Then (what bench/mlflow-compare/run.ts does):
#   PYTHONPATH=$MLFLOW_SITE MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false MLFLOW_DISABLE_TELEMETRY=true \
#     /usr/bin/python3 -m mlflow server --backend-store-uri sqlite:////tmp/x/mlflow.db --host 127.0.0.1 --port 5055
set -euo pipefail

MLFLOW_SITE="${MLFLOW_SITE:-/root/.cache/tracelight-mlflow-client/site}"
PYTHON="${MLFLOW_PYTHON:-/usr/bin/python3}"

# What `mlflow server` imports on its way to the OTLP route and the SQLAlchemy store (Flask app,
# FastAPI wrapper, uvicorn runner, CORS/host security middleware, both database drivers).
# Debian 12 versions: flask 2.2.2, sqlalchemy 1.4.46, alembic 1.8.1, psycopg2 2.9.5,
# uvicorn 0.17.6, flask-cors 3.0.10, graphene 2.1.9 (only imported by the /graphql route).
APT_PACKAGES=(
  python3-flask python3-flask-cors python3-sqlalchemy python3-alembic python3-psycopg2
  python3-uvicorn python3-gunicorn python3-graphene python3-sqlparse python3-yaml python3-packaging
  python3-requests python3-click python3-protobuf python3-cloudpickle python3-cachetools
  python3-importlib-metadata python3-jinja2 python3-numpy python3-pandas python3-git
)

fail() {
  echo "setup-mlflow-server: $*" >&2
  exit 1
}

[ -x "$PYTHON" ] || fail "missing $PYTHON (Python 3.11)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || fail "$PYTHON is not Python 3.11"
[ -d "$MLFLOW_SITE/mlflow" ] || fail "missing MLflow in MLFLOW_SITE=$MLFLOW_SITE (no mlflow/ package there)"

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from Debian: ${missing[*]}"
  [ "$(id -u)" = 0 ] || fail "not root: cannot apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${missing[@]}" >/tmp/setup-mlflow-server-apt.log 2>&1 ||
    { apt-get update >>/tmp/setup-mlflow-server-apt.log 2>&1 && apt-get install -y "${missing[@]}" >>/tmp/setup-mlflow-server-apt.log 2>&1; } ||
    fail "apt-get install failed for: ${missing[*]} (see /tmp/setup-mlflow-server-apt.log)"
fi

# The server workers import mlflow.server with uvicorn loaded, which pulls in the security
# middleware (flask_cors); importing the FastAPI app the same way proves the whole chain resolves.
# huey (MLflow's background job runner: online scoring, judges) is not in Debian: the server runs
# with MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false, which MLflow supports; ingestion never uses it.
if ! out=$(cd /tmp && PYTHONPATH="$MLFLOW_SITE" MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false \
  MLFLOW_DISABLE_TELEMETRY=true "$PYTHON" -c '
import uvicorn, psycopg2, mlflow, mlflow.server.fastapi_app, mlflow.server.otel_api
print(mlflow.__version__)' 2>&1); then
  echo "$out" | tail -5 >&2
  fail "the MLflow server app does not import (missing module above)"
fi
echo "MLflow server ready: mlflow $(echo "$out" | tail -1), PYTHONPATH=$MLFLOW_SITE, python $PYTHON"
