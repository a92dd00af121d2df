"""A recording HTTP server on 127.0.0.1 for the package's unit tests (standard library only).

It records every request and answers from a small in-memory model of the Tracelight REST calls
the package makes, so the tests check what goes on the wire (paths, bodies, auth headers) and
how answers and error bodies are read back.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Recorder:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.schemas: dict[str, dict[str, Any]] = {}
        self.sessions: dict[str, dict[str, Any]] = {}
        self.items: dict[str, list[str]] = {}
        self.conversations: dict[str, list[str]] = {}
        self.agents: dict[str, dict[str, Any]] = {}
        self.session_agents: dict[str, str | None] = {}

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        parts = [p for p in path.split("/") if p]
        if path == "/api/labeling/schemas" and method == "GET":
            return 200, {"schemas": [s for s in self.schemas.values() if s["experimentId"] == query["experimentId"][0]]}
        if path == "/api/labeling/schemas" and method == "POST":
            if not body.get("name"):
                return 400, {"error_code": "INVALID_PARAMETER_VALUE", "message": "Invalid body.name: is required"}
            existing = next((s for s in self.schemas.values() if s["name"] == body["name"]), None)
            if existing and not body.get("overwrite"):
                return 409, {"error_code": "RESOURCE_ALREADY_EXISTS", "message": f"'{body['name']}' exists"}
            sid = existing["id"] if existing else f"s{len(self.schemas) + 1}"
            stored = {k: v for k, v in body.items() if k != "overwrite"}
            self.schemas[sid] = {"id": sid, "instruction": None, **stored}
            return 200, self.schemas[sid]
        if parts[:3] == ["api", "labeling", "schemas"] and method == "DELETE":
            self.schemas.pop(parts[3], None)
            return 200, {"deleted": True}
        if parts[:2] == ["api", "experiments"] and parts[3:] == ["agents"]:
            if method == "GET":
                return 200, {"agents": [a for a in self.agents.values() if a["experimentId"] == parts[2]]}
            aid = f"ag{len(self.agents) + 1}"
            # Like the server: the key is kept, never answered.
            public = {k: v for k, v in body.items() if k != "apiKey"}
            self.agents[aid] = {"id": aid, "experimentId": parts[2], "apiKeySet": "apiKey" in body, **public}
            return 200, self.agents[aid]
        if parts[:2] == ["api", "agents"] and method == "DELETE":
            self.agents.pop(parts[2], None)
            return 200, {"deleted": True}
        if parts[:3] == ["api", "labeling", "sessions"] and parts[4:] == ["agent"] and method == "PUT":
            self.session_agents[parts[3]] = body["agentId"]
            return 200, {"agent": self.agents.get(body["agentId"] or "")}
        if path == "/api/labeling/sessions" and method == "POST":
            sid = f"ls{len(self.sessions) + 1}"
            self.sessions[sid] = {
                "id": sid,
                "experimentId": body["experimentId"],
                "name": body["name"],
                "runId": f"run{sid}",
                "labelSchemas": [{"name": n} for n in body["labelSchemas"]],
                "assignedUsers": [{"email": u} for u in body["assignedUsers"]],
                "url": f"/review/{sid}",
                "reviewUrl": f"http://public.example/review/{sid}",
            }
            self.items[sid] = []
            return 200, self.sessions[sid]
        if path == "/api/labeling/sessions" and method == "GET":
            return 200, {"sessions": list(self.sessions.values())}
        if parts[:3] == ["api", "labeling", "sessions"] and len(parts) == 4:
            session = self.sessions.get(parts[3])
            if session is None:
                return 404, {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "no such session"}
            if method == "PATCH":
                session["assignedUsers"] = [{"email": u} for u in body["assignedUsers"]]
            if method == "DELETE":
                del self.sessions[parts[3]]
                return 200, {"deleted": True}
            return 200, session
        if parts[:3] == ["api", "labeling", "sessions"] and parts[4:] == ["items"]:
            self.items[parts[3]].extend(body["traceIds"])
            return 200, {"added": len(body["traceIds"])}
        if parts[:3] == ["api", "labeling", "sessions"] and parts[4:] == ["conversations"]:
            self.conversations.setdefault(parts[3], []).extend(body["conversationIds"])
            return 200, {"added": len(body["conversationIds"])}
        if parts[:3] == ["api", "labeling", "sessions"] and parts[4:] == ["sync"]:
            return 200, {"created": True, "dataset": {"name": body["datasetName"]}}
        return 404, {"error_code": "ENDPOINT_NOT_FOUND", "message": f"{method} {path}"}


class TestServer:
    def __init__(self) -> None:
        self.recorder = Recorder()
        recorder = self.recorder

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                query = urllib.parse.parse_qs(url.query)
                recorder.requests.append(
                    {"method": self.command, "path": url.path, "query": query, "body": body, "headers": dict(self.headers)}
                )
                status, answer = recorder.answer(self.command, url.path, query, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "TestServer":
        self.thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
