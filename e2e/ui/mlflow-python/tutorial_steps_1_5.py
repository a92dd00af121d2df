"""MLflow's human-feedback tutorial, steps 1-5, against Tracelight (MLFLOW_TRACKING_URI set by the test).

Prints one JSON line with what the test needs next (the session's URL, run id and trace id).
"""

import json
import os

import mlflow
from mlflow.entities import AssessmentSource, AssessmentSourceType

mlflow.set_experiment(os.environ["TUTORIAL_EXPERIMENT"])


# Step 1: a traced app (no LLM needed: the tutorial's point is the feedback loop).
@mlflow.trace
def my_app(question: str) -> str:
    return {"What is MLflow?": "MLflow is a spreadsheet tool."}.get(question, "I don't know.")


my_app("What is MLflow?")
trace_id = mlflow.get_last_active_trace_id()

# Steps 2-4: end-user feedback, and a developer's expectation.
mlflow.log_feedback(
    trace_id=trace_id,
    name="user_feedback",
    value=False,
    rationale="Wrong answer",
    source=AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="enduser@example.com"),
)
mlflow.log_expectation(
    trace_id=trace_id,
    name="expected_topic",
    value="ML lifecycle",
    source=AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="dev@example.com"),
)

# Step 5, exactly as in the tutorial (and issue 10).
from mlflow.genai.label_schemas import create_label_schema, InputCategorical, InputText
from mlflow.genai.labeling import create_labeling_session
accuracy_schema = create_label_schema(name="response_accuracy", type="feedback", title="Is the response factually accurate?", input=InputCategorical(options=["Accurate", "Partially Accurate", "Inaccurate"]), overwrite=True)
labeling_session = create_labeling_session(name="quickstart_review", label_schemas=[accuracy_schema.name, "expected_response"])
labeling_session.add_traces(mlflow.search_traces(max_results=1))
print(labeling_session.url)
labeled = mlflow.search_traces(run_id=labeling_session.mlflow_run_id)

print(
    json.dumps(
        {
            "url": labeling_session.url,
            "run_id": labeling_session.mlflow_run_id,
            "session_id": labeling_session.labeling_session_id,
            "trace_id": trace_id,
            "labeled_trace_ids": list(labeled["trace_id"]),
            "schemas": labeling_session.label_schemas,
        }
    )
)
