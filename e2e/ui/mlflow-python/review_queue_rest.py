"""A 3.14-style label-schema / review-queue REST sequence, sent by the real client's HTTP layer
(`mlflow.utils.rest_utils.http_request` with the tracking URI's credentials, as MlflowClient's
RestStore does), checking MLflow's answers and error codes. No 3.14+ client can be built here.
"""

import json
import os

import mlflow
from mlflow.exceptions import RestException
from mlflow.utils.credentials import get_default_host_creds
from mlflow.utils.rest_utils import http_request, verify_rest_response

creds = get_default_host_creds(mlflow.get_tracking_uri())
reviewer = os.environ["REVIEWER_EMAIL"]


def call(method, endpoint, body=None):
    kwargs = {"params": body} if method == "GET" else {"json": body or {}}
    res = http_request(creds, f"/api/3.0/mlflow/{endpoint}", method, max_retries=0, **kwargs)
    return json.loads(verify_rest_response(res, endpoint).text or "{}")


def fails(method, endpoint, body, code):
    try:
        call(method, endpoint, body)
    except RestException as e:
        assert e.error_code == code, (endpoint, e.error_code, str(e))
        return str(e)
    raise AssertionError(f"{endpoint} {body} should have failed with {code}")


exp = mlflow.create_experiment(f"rq-rest-{os.getpid()}-{id(creds)}")
mlflow.set_experiment(experiment_id=exp)


@mlflow.trace
def app(q):
    return q


app("hello")
trace_id = mlflow.get_last_active_trace_id()

schema = call(
    "POST",
    "label-schemas/create",
    {
        "experiment_id": exp,
        "name": "helpful",
        "type": "FEEDBACK",
        "title": "Helpful?",
        "input": {"pass_fail": {"positive_label": "Yes", "negative_label": "No"}},
    },
)["label_schema"]
assert schema["schema_id"].startswith("ls-") and schema["input"] == {"pass_fail": {"positive_label": "Yes", "negative_label": "No"}}
assert "type" in fails("POST", "label-schemas/upsert", {**{k: schema[k] for k in ("experiment_id", "name", "title", "input")}, "type": "EXPECTATION"}, "INVALID_PARAMETER_VALUE")
assert "type" in fails("POST", "label-schemas/create", {"experiment_id": exp, "name": "x", "type": "LABEL_SCHEMA_TYPE_UNSPECIFIED", "title": "X", "input": {"numeric": {}}}, "INVALID_PARAMETER_VALUE")
listed = call("GET", "label-schemas/list", {"experiment_id": exp})["label_schemas"]
assert [s["schema_id"] for s in listed] == [schema["schema_id"]]

queue = call(
    "POST",
    "review-queues/create",
    {"experiment_id": exp, "name": "triage", "queue_type": "CUSTOM", "users": [reviewer], "schema_ids": [schema["schema_id"]]},
)["review_queue"]
assert queue["queue_id"].startswith("rq-") and queue["users"] == [reviewer]
assert "users" in fails("POST", "review-queues/create", {"experiment_id": exp, "name": "big", "queue_type": "CUSTOM", "users": [f"u{i}@x.test" for i in range(11)]}, "INVALID_PARAMETER_VALUE")
items = call("POST", "review-queues/items/add", {"queue_id": queue["queue_id"], "item_type": "TRACE", "item_ids": [trace_id]})["items"]
assert [(i["item_id"], i["status"]) for i in items] == [(trace_id, "PENDING")]
done = call("POST", "review-queues/items/set-status", {"queue_id": queue["queue_id"], "item_id": trace_id, "status": "COMPLETE", "completed_by": reviewer})["item"]
assert done["status"] == "COMPLETE" and done["completed_by"] == reviewer
assert call("GET", "review-queues/items/list", {"queue_id": queue["queue_id"], "status": "COMPLETE"})["items"][0]["item_id"] == trace_id
user_queue = call("POST", "review-queues/get-or-create-user", {"experiment_id": exp, "user": reviewer})["review_queue"]
assert user_queue["queue_type"] == "USER" and call("POST", "review-queues/get-or-create-user", {"experiment_id": exp, "user": reviewer})["review_queue"]["queue_id"] == user_queue["queue_id"]
for q in (queue, user_queue, queue):
    assert call("POST", "review-queues/delete", {"queue_id": q["queue_id"]}) == {}
fails("GET", "review-queues/get", {"queue_id": queue["queue_id"]}, "RESOURCE_DOES_NOT_EXIST")
assert call("DELETE", "label-schemas/delete", {"schema_id": schema["schema_id"]}) == {}
assert call("DELETE", "label-schemas/delete", {"schema_id": schema["schema_id"]}) == {}
# Unknown MLflow routes: MLflow's ENDPOINT_NOT_FOUND, which the client reads as such.
fails("GET", "no-such-endpoint", {}, "ENDPOINT_NOT_FOUND")
print("review queue rest ok")
