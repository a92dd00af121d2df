"""Makes clients/python importable with its entry points, as `pip install ./clients/python` would.

Writes a `*.dist-info` (METADATA + entry_points.txt read from the package's pyproject.toml) into
the directory given, so that importlib.metadata, and hence MLflow's labeling-store registry, sees
the `mlflow.labeling_store` entry points. The package source itself is put on PYTHONPATH by the test.
"""

import pathlib
import sys
import tomllib

target = pathlib.Path(sys.argv[1])
root = pathlib.Path(sys.argv[2])
project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
info = target / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
info.mkdir(parents=True, exist_ok=True)
(info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
lines = []
for group, entries in project.get("entry-points", {}).items():
    lines.append(f"[{group}]")
    lines.extend(f"{name} = {value}" for name, value in entries.items())
(info / "entry_points.txt").write_text("\n".join(lines) + "\n")
print(info)
