"""The REST client and input conversion, with no mlflow installed (standard library only)."""

import base64
import unittest
from dataclasses import dataclass

from tests.server import TestServer
from tracelight_mlflow.client import TracelightClient, TracelightError
from tracelight_mlflow.convert import input_class_and_kwargs, input_to_json


@dataclass
class InputCategorical:
    options: list


@dataclass
class InputTextList:
    max_length_each: int | None = None
    max_count: int | None = None


@dataclass
class InputNumeric:
    min_value: float | None = None
    max_value: float | None = None


class ConvertTest(unittest.TestCase):
    def test_inputs_by_class_name(self):
        self.assertEqual(input_to_json(InputCategorical(["a", "b"])), {"type": "categorical", "options": ["a", "b"]})
        self.assertEqual(input_to_json(InputTextList(max_count=3)), {"type": "text_list", "maxCount": 3})
        self.assertEqual(input_to_json(InputNumeric(0, 1)), {"type": "numeric", "minValue": 0, "maxValue": 1})
        self.assertEqual(input_class_and_kwargs({"type": "text", "maxLength": 5}), ("InputText", {"max_length": 5}))
        self.assertEqual(
            input_class_and_kwargs({"type": "categorical_list", "options": ["x"]}),
            ("InputCategoricalList", {"options": ["x"]}),
        )
        with self.assertRaises(ValueError):
            input_to_json(object())
        with self.assertRaises(ValueError):
            input_class_and_kwargs({"type": "pass_fail"})


class ClientTest(unittest.TestCase):
    def test_bearer_token_and_request_shapes(self):
        with TestServer() as server:
            client = TracelightClient(server.url + "/", token="tl_key")
            client.ensure_builtin_schemas("7", ["response_accuracy", "expected_response"])
            session = client.create_session("7", {"name": "q", "labelSchemas": ["expected_response"], "assignedUsers": []})
            client.add_traces(session["id"], [f"tr-{i}" for i in range(1500)])
            reqs = server.recorder.requests
            self.assertTrue(all(r["headers"]["Authorization"] == "Bearer tl_key" for r in reqs))
            created = [r for r in reqs if r["method"] == "POST" and r["path"] == "/api/labeling/schemas"]
            # Only the built-in name is created, as an expectation with a text input.
            self.assertEqual(len(created), 1)
            self.assertEqual(created[0]["body"]["name"], "expected_response")
            self.assertEqual(created[0]["body"]["type"], "expectation")
            self.assertEqual(created[0]["body"]["experimentId"], "7")
            batches = [r["body"]["traceIds"] for r in reqs if r["path"].endswith("/items")]
            self.assertEqual([len(b) for b in batches], [1000, 500])
            # A second ensure does not create it again.
            client.ensure_builtin_schemas("7", ["expected_response"])
            self.assertEqual(len([r for r in server.recorder.requests if r["method"] == "POST" and r["path"] == "/api/labeling/schemas"]), 1)

    def test_basic_auth_from_environment(self):
        import os

        with TestServer() as server:
            env = {"MLFLOW_TRACKING_USERNAME": "dev@x.test", "MLFLOW_TRACKING_PASSWORD": "pw"}
            saved = {k: os.environ.get(k) for k in [*env, "MLFLOW_TRACKING_TOKEN"]}
            os.environ.pop("MLFLOW_TRACKING_TOKEN", None)
            os.environ.update(env)
            try:
                TracelightClient(server.url).list_sessions("1")
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
            auth = server.recorder.requests[0]["headers"]["Authorization"]
            self.assertEqual(base64.b64decode(auth.split(" ", 1)[1]).decode(), "dev@x.test:pw")
            self.assertEqual(server.recorder.requests[0]["query"], {"experimentId": ["1"], "maxResults": ["500"]})

    def test_error_bodies_become_typed_errors(self):
        with TestServer() as server:
            client = TracelightClient(server.url, token="k")
            with self.assertRaises(TracelightError) as ctx:
                client.get_session("nope")
            self.assertEqual((ctx.exception.status, ctx.exception.error_code), (404, "RESOURCE_DOES_NOT_EXIST"))
            client.create_schema("1", {"name": "a", "type": "feedback", "title": "A", "input": {"type": "text"}})
            with self.assertRaises(TracelightError) as dup:
                client.create_schema("1", {"name": "a", "type": "feedback", "title": "A", "input": {"type": "text"}})
            self.assertEqual(dup.exception.error_code, "RESOURCE_ALREADY_EXISTS")
            with self.assertRaises(TracelightError) as unknown:
                client.request("GET", "/api/nothing")
            self.assertEqual(unknown.exception.error_code, "ENDPOINT_NOT_FOUND")


class ReviewAppTest(unittest.TestCase):
    def test_add_and_remove_agents_and_give_one_to_a_session(self):
        from tracelight_mlflow.review_app import ReviewApp

        with TestServer() as server:
            client = TracelightClient(server.url, token="k")
            app = ReviewApp("7", client)
            app.add_agent(agent_name="bot", base_url="https://llm.example/v1", model="m1", api_key="sk-1", system_prompt="Be brief.")
            posted = [r for r in server.recorder.requests if r["method"] == "POST" and r["path"] == "/api/experiments/7/agents"]
            self.assertEqual(
                posted[0]["body"],
                {"name": "bot", "baseUrl": "https://llm.example/v1", "model": "m1", "apiKey": "sk-1", "systemPrompt": "Be brief."},
            )
            self.assertEqual([a["name"] for a in app.agents], ["bot"])
            client.set_session_agent("ls1", client.find_agent("7", "bot")["id"])
            self.assertEqual(server.recorder.session_agents, {"ls1": "ag1"})
            app.remove_agent("bot")
            self.assertEqual(app.agents, [])
            with self.assertRaises(TracelightError) as missing:
                app.remove_agent("bot")
            self.assertEqual(missing.exception.error_code, "RESOURCE_DOES_NOT_EXIST")


if __name__ == "__main__":
    unittest.main()
