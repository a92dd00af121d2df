"""After the expert labeled in the Review App: read the labels back, sync them into a dataset,
and evaluate against it (tutorial step 6). Prints one JSON line of results."""

import json
import os

import mlflow
import mlflow.genai.datasets
from mlflow.genai.labeling import get_labeling_session
from mlflow.genai.scorers import scorer

mlflow.set_experiment(os.environ["TUTORIAL_EXPERIMENT"])
session = get_labeling_session(os.environ["TUTORIAL_RUN_ID"])

labeled = mlflow.search_traces(run_id=session.mlflow_run_id, return_type="list")
labels = []
for trace in labeled:
    for a in trace.info.assessments:
        if a.name in ("response_accuracy", "expected_response"):
            labels.append(
                {
                    "trace_id": trace.info.trace_id,
                    "name": a.name,
                    "value": a.value,
                    "source_type": a.source.source_type,
                    "source_id": a.source.source_id,
                }
            )

session.sync(to_dataset="quickstart_eval")


@scorer
def matches_expected(outputs, expectations) -> bool:
    return outputs.strip().lower() == str(expectations.get("expected_response", "")).strip().lower()


@mlflow.trace
def fixed_app(question: str) -> str:
    return "MLflow is an open-source platform for the ML lifecycle."


# Step 6: evaluate the (fixed) app against the synced dataset (the experts' expected responses),
# read through MLflow's own dataset API (/api/3.0/mlflow/datasets/...), as the tutorial does.
dataset = mlflow.genai.datasets.get_dataset(name="quickstart_eval")
records = [{"inputs": r["inputs"], "expectations": r["expectations"]} for r in dataset.to_df().to_dict("records")]
result = mlflow.genai.evaluate(data=dataset, predict_fn=fixed_app, scorers=[matches_expected])

print(
    json.dumps(
        {
            "labels": labels,
            "labeled_trace_ids": [t.info.trace_id for t in labeled],
            "sessions": [s.name for s in mlflow.genai.labeling.get_labeling_sessions()],
            "metrics": result.metrics,
            "dataset_records": records,
            "dataset_experiment_ids": dataset.experiment_ids,
            "eval_run_id": result.run_id,
            "experiment_id": session.experiment_id,
        },
        default=str,
    )
)
