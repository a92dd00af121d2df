"""``TracelightLabelingStore``: MLflow's ``AbstractLabelingStore`` over Tracelight's REST API.

MLflow picks a labeling store by the tracking URI's scheme; this package registers this class
for ``http`` and ``https`` (entry-point group ``mlflow.labeling_store``). A labeling session is a
Tracelight labeling session: its ``mlflow_run_id`` is the session's run, to which added traces
are linked, so ``mlflow.search_traces(run_id=session.mlflow_run_id)`` returns exactly them, with
the assessments reviewers recorded in the Review App.
"""

from __future__ import annotations

from typing import Any

from mlflow.exceptions import MlflowException
from mlflow.genai.label_schemas import label_schemas as _ls
from mlflow.genai.labeling.labeling import LabelingSession
from mlflow.genai.labeling.stores import AbstractLabelingStore
from mlflow.tracking._tracking_service import utils as tracking_utils

from tracelight_mlflow.client import TracelightClient, TracelightError
from tracelight_mlflow.convert import input_class_and_kwargs, input_to_json


def _experiment_id(experiment_id: str | None = None) -> str:
    if experiment_id:
        return str(experiment_id)
    from mlflow.tracking.fluent import _get_experiment_id

    return str(_get_experiment_id())


def _code(name: str) -> int:
    """MLflow's numeric ErrorCode for a name (MlflowException takes the number, not the name)."""
    from mlflow.protos.databricks_pb2 import INTERNAL_ERROR, ErrorCode

    try:
        return ErrorCode.Value(name)
    except ValueError:
        return INTERNAL_ERROR


def _mlflow_error(err: TracelightError) -> MlflowException:
    return MlflowException(err.message, error_code=_code(err.error_code))


class TracelightLabelingStore(AbstractLabelingStore):
    def __init__(self, tracking_uri: str | None = None) -> None:
        super().__init__(tracking_uri)
        self.client = TracelightClient(tracking_uri or tracking_utils.get_tracking_uri())

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TracelightError as err:
            raise _mlflow_error(err) from None

    # ------------------------------------------------------------------ conversions

    @staticmethod
    def _schema(data: dict[str, Any]) -> _ls.LabelSchema:
        name, kwargs = input_class_and_kwargs(data["input"])
        return _ls.LabelSchema(
            name=data["name"],
            type=_ls.LabelSchemaType(data["type"]),
            title=data["title"],
            input=getattr(_ls, name)(**kwargs),
            instruction=data.get("instruction"),
            enable_comment=bool(data.get("enableComment")),
        )

    @staticmethod
    def _session(data: dict[str, Any]) -> LabelingSession:
        return LabelingSession(
            name=data["name"],
            assigned_users=[u["email"] for u in data.get("assignedUsers", [])],
            agent=None,
            label_schemas=[s["name"] for s in data.get("labelSchemas", [])],
            labeling_session_id=data["id"],
            mlflow_run_id=data["runId"],
            review_app_id=data["experimentId"],
            experiment_id=data["experimentId"],
            url=data.get("reviewUrl") or data["url"],
            enable_multi_turn_chat=False,
            custom_inputs=None,
        )

    def _refresh(self, session: LabelingSession) -> LabelingSession:
        return self._session(self._call(self.client.get_session, session.labeling_session_id))

    # ------------------------------------------------------------------ label schemas

    def get_label_schema(self, name: str) -> _ls.LabelSchema:
        found = self._call(self.client.find_schema, _experiment_id(), name)
        if found is None:
            raise MlflowException(f"Label schema with name `{name}` not found", error_code=_code("RESOURCE_DOES_NOT_EXIST"))
        return self._schema(found)

    def create_label_schema(
        self,
        name: str,
        *,
        type: str,
        title: str,
        input: Any,
        instruction: str | None = None,
        enable_comment: bool = False,
        overwrite: bool = False,
    ) -> _ls.LabelSchema:
        body = {
            "name": name,
            "type": str(getattr(type, "value", type)),
            "title": title,
            "input": input_to_json(input),
            "enableComment": bool(enable_comment),
            "overwrite": bool(overwrite),
        }
        if instruction is not None:
            body["instruction"] = instruction
        return self._schema(self._call(self.client.create_schema, _experiment_id(), body))

    def delete_label_schema(self, name: str) -> None:
        found = self._call(self.client.find_schema, _experiment_id(), name)
        if found is not None:
            self._call(self.client.delete_schema, found["id"])

    # ------------------------------------------------------------------ labeling sessions

    def get_labeling_sessions(self, experiment_id: str | None = None) -> list[LabelingSession]:
        return [self._session(s) for s in self._call(self.client.list_sessions, _experiment_id(experiment_id))]

    def get_labeling_session(self, run_id: str) -> LabelingSession:
        for session in self.get_labeling_sessions():
            if session.mlflow_run_id == run_id:
                return session
        raise MlflowException(f"Labeling session with run_id `{run_id}` not found", error_code=_code("RESOURCE_DOES_NOT_EXIST"))

    def create_labeling_session(
        self,
        name: str,
        *,
        assigned_users: list[str] | None = None,
        agent: str | None = None,
        label_schemas: list[str] | None = None,
        enable_multi_turn_chat: bool = False,
        custom_inputs: dict[str, Any] | None = None,
        experiment_id: str | None = None,
    ) -> LabelingSession:
        # `custom_inputs` is a Databricks review-app option, kept on the returned object only;
        # `enable_multi_turn_chat` makes `add_traces` add whole conversations (docs/mlflow-labeling.md).
        exp = _experiment_id(experiment_id)
        # `agent` names one of the experiment's agents (ReviewApp.add_agent): reviewers then chat with it.
        agent_row = self._call(self.client.find_agent, exp, agent) if agent else None
        if agent and agent_row is None:
            raise MlflowException(
                f"No agent named '{agent}' in experiment {exp}: add it first with get_review_app().add_agent(...)",
                error_code=_code("RESOURCE_DOES_NOT_EXIST"),
            )
        names = list(label_schemas or [])
        if not names:
            names = [s["name"] for s in self._call(self.client.list_schemas, exp)]
        self._call(self.client.ensure_builtin_schemas, exp, names)
        created = self._call(
            self.client.create_session,
            exp,
            {"name": name, "labelSchemas": names, "assignedUsers": list(assigned_users or [])},
        )
        if agent_row is not None:
            self._call(self.client.set_session_agent, created["id"], agent_row["id"])
        session = self._session(created)
        session._agent = agent
        session._enable_multi_turn_chat = bool(enable_multi_turn_chat)
        session._custom_inputs = custom_inputs
        return session

    def delete_labeling_session(self, labeling_session: LabelingSession) -> None:
        self._call(self.client.delete_session, labeling_session.labeling_session_id)

    def add_traces_to_session(self, labeling_session: LabelingSession, traces: list[Any]) -> LabelingSession:
        trace_ids = [t if isinstance(t, str) else t.info.trace_id for t in traces]
        if getattr(labeling_session, "_enable_multi_turn_chat", False):
            # Multi-turn review: a trace that belongs to a conversation (MLflow's `mlflow.trace.session`
            # metadata) brings in its whole conversation as one item; others are added as they are.
            conversations: list[str] = []
            singles: list[str] = []
            for t, trace_id in zip(traces, trace_ids):
                metadata = {} if isinstance(t, str) else (getattr(t.info, "trace_metadata", None) or {})
                conversation = metadata.get("mlflow.trace.session")
                if conversation and conversation not in conversations:
                    conversations.append(conversation)
                elif not conversation:
                    singles.append(trace_id)
            if conversations:
                self._call(self.client.add_conversations, labeling_session.labeling_session_id, conversations)
            trace_ids = singles
        if trace_ids:
            self._call(self.client.add_traces, labeling_session.labeling_session_id, trace_ids)
        return self._refresh(labeling_session)

    def add_dataset_to_session(
        self, labeling_session: LabelingSession, dataset_name: str, record_ids: list[str] | None = None
    ) -> LabelingSession:
        dataset = self._call(self.client.find_dataset, labeling_session.experiment_id, dataset_name)
        if dataset is None:
            raise MlflowException(f"Dataset `{dataset_name}` not found", error_code=_code("RESOURCE_DOES_NOT_EXIST"))
        trace_ids = self._call(self.client.dataset_trace_ids, dataset["id"], record_ids)
        if not trace_ids:
            raise MlflowException(
                f"Dataset `{dataset_name}` has no records that come from traces", error_code=_code("INVALID_PARAMETER_VALUE")
            )
        self._call(self.client.add_traces, labeling_session.labeling_session_id, trace_ids)
        return self._refresh(labeling_session)

    def sync_session_expectations(self, labeling_session: LabelingSession, dataset: str) -> None:
        self._call(self.client.sync, labeling_session.labeling_session_id, dataset)

    def set_session_assigned_users(
        self, labeling_session: LabelingSession, assigned_users: list[str]
    ) -> LabelingSession:
        updated = self._call(
            self.client.update_session, labeling_session.labeling_session_id, {"assignedUsers": list(assigned_users)}
        )
        return self._session(updated)
