"""A reviewed conversation's answer through the real client's mlflow.search_traces: the
conversation's turns by their session metadata, and the assessments on each. Prints one JSON line."""

import json
import os

import mlflow

conversation = os.environ["CONVERSATION_ID"]
traces = mlflow.search_traces(
    locations=[os.environ["EXPERIMENT_ID"]],
    filter_string=f"metadata.`mlflow.trace.session` = '{conversation}'",
    return_type="list",
    # The assessments are on the trace info; seeded traces have no span artifacts to download.
    include_spans=False,
)
print(
    json.dumps(
        [
            {
                "trace_id": t.info.trace_id,
                "assessments": [
                    {"name": a.name, "value": a.value, "metadata": a.metadata or {}} for a in t.info.assessments
                ],
            }
            for t in traces
        ]
    )
)
