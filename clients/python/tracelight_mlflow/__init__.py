"""MLflow labeling store for Tracelight.

Installed, it registers ``http`` and ``https`` in MLflow's ``mlflow.labeling_store`` entry-point
group, so ``mlflow.genai.label_schemas`` and ``mlflow.genai.labeling`` talk to the Tracelight
server named by ``MLFLOW_TRACKING_URI`` instead of raising ``UnsupportedLabelingStoreURIException``.
"""

from tracelight_mlflow.client import TracelightClient, TracelightError
from tracelight_mlflow.review_app import ReviewApp, get_review_app

__all__ = ["ReviewApp", "TracelightClient", "TracelightError", "get_review_app"]
__version__ = "0.1.0"
