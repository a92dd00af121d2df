"""``ReviewApp``: the agents experts chat with in Tracelight's Review App.

Databricks' ``mlflow.genai.labeling.get_review_app().add_agent(...)`` names a model-serving
endpoint; Tracelight's agents are OpenAI-compatible chat endpoints, so ``add_agent`` takes the
base URL and model (and optionally a key, stored encrypted on the server, and a system prompt).
A labeling session created with ``create_labeling_session(agent="<name>")`` then offers a chat
with it. Standard library only (no mlflow import).
"""

from __future__ import annotations

import os
from typing import Any

from tracelight_mlflow.client import TracelightClient


class ReviewApp:
    def __init__(self, experiment_id: str, client: TracelightClient) -> None:
        self.experiment_id = str(experiment_id)
        self.client = client

    @property
    def agents(self) -> list[dict[str, Any]]:
        return self.client.list_agents(self.experiment_id)

    def add_agent(
        self,
        *,
        agent_name: str,
        base_url: str,
        model: str,
        api_key: str | None = None,
        system_prompt: str | None = None,
        timeout_ms: int | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"name": agent_name, "baseUrl": base_url, "model": model}
        if api_key:
            body["apiKey"] = api_key
        if system_prompt:
            body["systemPrompt"] = system_prompt
        if timeout_ms:
            body["timeoutMs"] = timeout_ms
        return self.client.add_agent(self.experiment_id, body)

    def remove_agent(self, agent_name: str) -> None:
        self.client.remove_agent(self.experiment_id, agent_name)


def get_review_app(experiment_id: str | None = None, tracking_uri: str | None = None) -> ReviewApp:
    """The Review App of an experiment (the active one by default, as MLflow's own ``get_review_app``)."""
    if experiment_id is None:
        from mlflow.tracking.fluent import _get_experiment_id

        experiment_id = _get_experiment_id()
    uri = tracking_uri or os.environ.get("MLFLOW_TRACKING_URI")
    if not uri:
        from mlflow.tracking._tracking_service import utils as tracking_utils

        uri = tracking_utils.get_tracking_uri()
    return ReviewApp(str(experiment_id), TracelightClient(uri))
