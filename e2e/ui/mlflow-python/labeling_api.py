"""The rest of MLflow's 3.x labeling API through tracelight-mlflow, with the real client.

Each step asserts; the script exits non-zero on the first failure (the test shows its output).
"""

import os

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.genai import label_schemas as ls
from mlflow.genai import labeling

mlflow.set_experiment(os.environ["TUTORIAL_EXPERIMENT"])
reviewer = os.environ["REVIEWER_EMAIL"]


@mlflow.trace
def app(q: str) -> str:
    return q.upper()


trace_ids = []
for q in ["a", "b", "c"]:
    app(q)
    trace_ids.append(mlflow.get_last_active_trace_id())

# Every input type, then overwrite and the errors MLflow raises.
inputs = {
    "cat": ls.InputCategorical(options=["good", "bad"]),
    "cat_list": ls.InputCategoricalList(options=["x", "y", "z"]),
    "text": ls.InputText(max_length=100),
    "text_list": ls.InputTextList(max_length_each=50, max_count=3),
    "num": ls.InputNumeric(min_value=0, max_value=10),
}
for name, inp in inputs.items():
    kind = "expectation" if name.startswith("text") else "feedback"
    s = ls.create_label_schema(name=name, type=kind, title=f"Q {name}", input=inp, instruction="Look closely", enable_comment=True)
    assert s.input == inp, (s.input, inp)
    got = ls.get_label_schema(name)
    assert (got.name, got.type, got.title, got.input, got.instruction, got.enable_comment) == (
        name, kind, f"Q {name}", inp, "Look closely", True
    ), got
try:
    ls.create_label_schema(name="cat", type="feedback", title="again", input=inputs["cat"])
    raise AssertionError("a second create without overwrite must fail")
except MlflowException as e:
    assert e.error_code == "RESOURCE_ALREADY_EXISTS", e.error_code
s = ls.create_label_schema(name="cat", type="feedback", title="again", input=ls.InputCategorical(options=["good", "bad", "ok"]), overwrite=True)
assert ls.get_label_schema("cat").title == "again" and s.input.options == ["good", "bad", "ok"]
ls.create_label_schema(name="gone", type="feedback", title="Gone", input=inputs["num"])
assert ls.delete_label_schema("gone") is None
try:
    ls.get_label_schema("gone")
    raise AssertionError("a deleted schema must be gone")
except MlflowException as e:
    assert "not found" in str(e)

# Sessions: all create options accepted, lookups, traces three ways, users, dataset, delete.
session = labeling.create_labeling_session(
    name="api_session",
    assigned_users=[reviewer],
    label_schemas=["cat", "text", ls.EXPECTED_FACTS],
    enable_multi_turn_chat=True,
    custom_inputs={"tone": "formal"},
)
assert session.assigned_users == [reviewer] and session.label_schemas == ["cat", "text", "expected_facts"]
assert session.url.endswith(f"/review/{session.labeling_session_id}") and session.url.startswith("http")
assert session.custom_inputs == {"tone": "formal"} and session.enable_multi_turn_chat
assert labeling.get_labeling_session(session.mlflow_run_id).labeling_session_id == session.labeling_session_id
assert session.labeling_session_id in [s.labeling_session_id for s in labeling.get_labeling_sessions()]

session.add_traces([mlflow.get_trace(trace_ids[0])])  # Trace objects
session.add_traces(mlflow.search_traces(filter_string=f"trace.request_id = '{trace_ids[1]}'"))  # a DataFrame
in_run = {t.info.trace_id for t in mlflow.search_traces(run_id=session.mlflow_run_id, return_type="list")}
assert in_run == set(trace_ids[:2]), in_run

updated = session.set_assigned_users([])
assert updated.assigned_users == []

# An expert labels one item (what the Review App does), then sync copies it into a dataset,
# whose traces then go into a second session.
from tracelight_mlflow import TracelightClient

client = TracelightClient(mlflow.get_tracking_uri())
item = client.request("POST", f"/api/labeling/sessions/{session.labeling_session_id}/next")["item"]
client.request(
    "POST",
    f"/api/labeling/sessions/{session.labeling_session_id}/items/{item['itemId']}/submit",
    body={"answers": {"cat": {"value": "good"}, "text": {"value": "an ideal answer"}}},
)
session.sync(to_dataset="api_dataset")
second = labeling.create_labeling_session(name="from_dataset", label_schemas=["cat"])
second = second.add_dataset("api_dataset")
second_traces = {t.info.trace_id for t in mlflow.search_traces(run_id=second.mlflow_run_id, return_type="list")}
assert second_traces <= set(trace_ids[:2]), second_traces

labeling.delete_labeling_session(second)
labeling.delete_labeling_session(session)
left = [s.name for s in labeling.get_labeling_sessions()]
assert "api_session" not in left and "from_dataset" not in left, left
print("labeling api ok")
