"""MLflow's label-schema input classes <-> Tracelight's input JSON, by class name (no mlflow import)."""

from __future__ import annotations

from typing import Any

_KINDS = {
    "InputCategorical": "categorical",
    "InputCategoricalList": "categorical_list",
    "InputText": "text",
    "InputTextList": "text_list",
    "InputNumeric": "numeric",
}
# MLflow's attribute name -> the field of Tracelight's (camelCase) input JSON.
_FIELDS = {
    "categorical": {"options": "options"},
    "categorical_list": {"options": "options"},
    "text": {"max_length": "maxLength"},
    "text_list": {"max_length_each": "maxLengthEach", "max_count": "maxCount"},
    "numeric": {"min_value": "minValue", "max_value": "maxValue"},
}


def input_to_json(obj: Any) -> dict[str, Any]:
    """An ``mlflow.genai.label_schemas.Input*`` instance as ``{"type": ..., ...}``; None fields are left out."""
    kind = _KINDS.get(type(obj).__name__)
    if kind is None:
        raise ValueError(f"Unsupported label schema input: {type(obj).__name__}")
    out: dict[str, Any] = {"type": kind}
    for field, key in _FIELDS[kind].items():
        value = getattr(obj, field, None)
        if value is not None:
            out[key] = list(value) if field == "options" else value
    return out


def input_class_and_kwargs(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The MLflow class name and constructor arguments for a Tracelight input JSON."""
    kind = data.get("type")
    name = next((n for n, k in _KINDS.items() if k == kind), None)
    if name is None:
        raise ValueError(f"Unknown input type from server: {kind!r}")
    return name, {f: data.get(k) for f, k in _FIELDS[kind].items() if data.get(k) is not None}
