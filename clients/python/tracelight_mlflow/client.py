"""A small client for Tracelight's REST API, standard library only (so it is testable anywhere).

Authentication is what MLflow's own client sends: ``MLFLOW_TRACKING_TOKEN`` as a Bearer token, or
``MLFLOW_TRACKING_USERNAME``/``MLFLOW_TRACKING_PASSWORD`` as HTTP Basic.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

#: Names MLflow's Databricks review app provides out of the box (mlflow.genai.label_schemas).
BUILTIN_SCHEMAS: dict[str, dict[str, Any]] = {
    "expected_response": {
        "type": "expectation",
        "title": "Expected response",
        "input": {"type": "text"},
        "instruction": "The response the app should have given.",
    },
    "expected_facts": {
        "type": "expectation",
        "title": "Expected facts",
        "input": {"type": "text_list"},
        "instruction": "Facts a correct response contains.",
    },
    "guidelines": {
        "type": "expectation",
        "title": "Guidelines",
        "input": {"type": "text_list"},
        "instruction": "Guidelines a good response follows.",
    },
}


class TracelightError(Exception):
    """An error answer from the server: HTTP status, MLflow-style error_code and message."""

    def __init__(self, status: int, error_code: str, message: str) -> None:
        super().__init__(f"{error_code}: {message}")
        self.status = status
        self.error_code = error_code
        self.message = message


class TracelightClient:
    def __init__(
        self,
        tracking_uri: str,
        *,
        token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.base = tracking_uri.rstrip("/")
        self.token = token if token is not None else os.environ.get("MLFLOW_TRACKING_TOKEN")
        self.username = username if username is not None else os.environ.get("MLFLOW_TRACKING_USERNAME")
        self.password = password if password is not None else os.environ.get("MLFLOW_TRACKING_PASSWORD")
        self.timeout = timeout

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "User-Agent": "tracelight-mlflow/0.1.0"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.username is not None and self.password is not None:
            raw = f"{self.username}:{self.password}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(raw).decode()
        return headers

    def request(
        self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        url = self.base + path
        if params:
            query = {k: v for k, v in params.items() if v is not None}
            url += "?" + urllib.parse.urlencode(query, doseq=True)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method, headers=self._headers())
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                text = res.read().decode() or "{}"
                return json.loads(text)
        except urllib.error.HTTPError as err:
            text = err.read().decode(errors="replace")
            try:
                parsed = json.loads(text)
                raise TracelightError(
                    err.code, parsed.get("error_code", "INTERNAL_ERROR"), parsed.get("message", text)
                ) from None
            except ValueError:
                raise TracelightError(err.code, "INTERNAL_ERROR", text or err.reason) from None

    def _list_all(self, path: str, key: str, experiment_id: str) -> list[dict[str, Any]]:
        """Every item of a paged list of the experiment, following nextPageToken."""
        out: list[dict[str, Any]] = []
        token = None
        while True:
            page = self.request(
                "GET", path, params={"experimentId": experiment_id, "maxResults": 500, "pageToken": token}
            )
            out.extend(page.get(key, []))
            token = page.get("nextPageToken")
            if not token:
                return out

    # ------------------------------------------------------------------ label schemas

    def list_schemas(self, experiment_id: str) -> list[dict[str, Any]]:
        return self._list_all("/api/labeling/schemas", "schemas", experiment_id)

    def find_schema(self, experiment_id: str, name: str) -> dict[str, Any] | None:
        return next((s for s in self.list_schemas(experiment_id) if s["name"] == name), None)

    def create_schema(self, experiment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/api/labeling/schemas", body={"experimentId": experiment_id, **body})

    def delete_schema(self, schema_id: str) -> None:
        self.request("DELETE", f"/api/labeling/schemas/{urllib.parse.quote(schema_id)}")

    def ensure_builtin_schemas(self, experiment_id: str, names: list[str]) -> None:
        """Creates MLflow's built-in schemas (expected_response, ...) named in a session but missing here."""
        wanted = [n for n in names if n in BUILTIN_SCHEMAS]
        if not wanted:
            return
        existing = {s["name"] for s in self.list_schemas(experiment_id)}
        for name in wanted:
            if name not in existing:
                try:
                    self.create_schema(experiment_id, {"name": name, **BUILTIN_SCHEMAS[name]})
                except TracelightError as err:
                    if err.error_code != "RESOURCE_ALREADY_EXISTS":  # created concurrently
                        raise

    # ------------------------------------------------------------------ labeling sessions

    def list_sessions(self, experiment_id: str) -> list[dict[str, Any]]:
        return self._list_all("/api/labeling/sessions", "sessions", experiment_id)

    def get_session(self, session_id: str) -> dict[str, Any]:
        return self.request("GET", f"/api/labeling/sessions/{session_id}")

    def create_session(self, experiment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("POST", "/api/labeling/sessions", body={"experimentId": experiment_id, **body})

    def update_session(self, session_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.request("PATCH", f"/api/labeling/sessions/{session_id}", body=body)

    def delete_session(self, session_id: str) -> None:
        self.request("DELETE", f"/api/labeling/sessions/{session_id}")

    def add_traces(self, session_id: str, trace_ids: list[str]) -> None:
        for i in range(0, len(trace_ids), 1000):
            self.request(
                "POST", f"/api/labeling/sessions/{session_id}/items", body={"traceIds": trace_ids[i : i + 1000]}
            )

    def add_conversations(self, session_id: str, conversation_ids: list[str]) -> None:
        for i in range(0, len(conversation_ids), 1000):
            self.request(
                "POST",
                f"/api/labeling/sessions/{session_id}/conversations",
                body={"conversationIds": conversation_ids[i : i + 1000]},
            )

    def sync(self, session_id: str, dataset_name: str) -> dict[str, Any]:
        return self.request("POST", f"/api/labeling/sessions/{session_id}/sync", body={"datasetName": dataset_name})

    # ------------------------------------------------------------------ agents (Review App chat)

    def list_agents(self, experiment_id: str) -> list[dict[str, Any]]:
        return self.request("GET", f"/api/experiments/{experiment_id}/agents").get("agents", [])

    def find_agent(self, experiment_id: str, name: str) -> dict[str, Any] | None:
        return next((a for a in self.list_agents(experiment_id) if a["name"] == name), None)

    def add_agent(self, experiment_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Creates an agent (an OpenAI-compatible chat endpoint); the key is stored encrypted, never returned."""
        return self.request("POST", f"/api/experiments/{experiment_id}/agents", body=body)

    def remove_agent(self, experiment_id: str, name: str) -> None:
        agent = self.find_agent(experiment_id, name)
        if agent is None:
            raise TracelightError(404, "RESOURCE_DOES_NOT_EXIST", f"No agent named '{name}' in experiment {experiment_id}")
        self.request("DELETE", f"/api/agents/{agent['id']}")

    def set_session_agent(self, session_id: str, agent_id: str | None) -> dict[str, Any]:
        return self.request("PUT", f"/api/labeling/sessions/{session_id}/agent", body={"agentId": agent_id})

    # ------------------------------------------------------------------ evaluation datasets

    def find_dataset(self, experiment_id: str, name: str) -> dict[str, Any] | None:
        page_no = 1
        while True:
            page = self.request(
                "GET",
                f"/api/evaluation/experiments/{experiment_id}/datasets",
                params={"page": page_no, "pageSize": 100},
            )
            hit = next((d for d in page.get("datasets", []) if d.get("name") == name), None)
            if hit or page_no * 100 >= page.get("total", 0):
                return hit
            page_no += 1

    def dataset_trace_ids(self, dataset_id: str, record_ids: list[str] | None) -> list[str]:
        """Trace ids of a dataset's records that came from traces (optionally only some records)."""
        ids: list[str] = []
        page_no = 1
        while True:
            page = self.request(
                "GET", f"/api/evaluation/datasets/{dataset_id}/records", params={"page": page_no, "pageSize": 200}
            )
            for r in page.get("records", []):
                if record_ids is not None and r.get("id") not in record_ids:
                    continue
                if r.get("sourceTraceId"):
                    ids.append(r["sourceTraceId"])
            if page_no * 200 >= page.get("total", 0):
                return ids
            page_no += 1
