"""The labeling store as MLflow loads it: needs the real ``mlflow`` package, skipped without it."""

import importlib.util
import unittest

from tests.server import TestServer

HAS_MLFLOW = importlib.util.find_spec("mlflow") is not None


@unittest.skipUnless(HAS_MLFLOW, "the mlflow package is not importable here (CI cannot build it)")
class StoreTest(unittest.TestCase):
    def test_schema_and_session_round_trip(self):
        from mlflow.genai.label_schemas import InputCategorical, InputTextList

        from tracelight_mlflow.store import TracelightLabelingStore

        with TestServer() as server:
            store = TracelightLabelingStore(server.url)
            schema = store.create_label_schema(
                "accuracy", type="feedback", title="Accurate?", input=InputCategorical(options=["yes", "no"])
            )
            self.assertEqual((schema.name, schema.type, schema.input.options), ("accuracy", "feedback", ["yes", "no"]))
            facts = store.create_label_schema("facts", type="expectation", title="Facts", input=InputTextList(max_count=2))
            self.assertEqual(facts.input.max_count, 2)
            self.assertEqual(store.get_label_schema("facts").title, "Facts")

            session = store.create_labeling_session(
                "q", label_schemas=["accuracy", "expected_response"], assigned_users=["a@x.test"], custom_inputs={"k": 1}
            )
            self.assertEqual(session.label_schemas, ["accuracy", "expected_response"])
            self.assertEqual(session.url, f"http://public.example/review/{session.labeling_session_id}")
            self.assertEqual(session.custom_inputs, {"k": 1})
            self.assertEqual(store.get_labeling_session(session.mlflow_run_id).name, "q")
            store.add_traces_to_session(session, ["tr-1", "tr-2"])
            self.assertEqual(server.recorder.items[session.labeling_session_id], ["tr-1", "tr-2"])
            # enable_multi_turn_chat: traces of a conversation bring in the conversation, once.
            from types import SimpleNamespace

            chat = store.create_labeling_session("chat", label_schemas=["accuracy"], enable_multi_turn_chat=True)
            turn = lambda tid, sid: SimpleNamespace(  # noqa: E731
                info=SimpleNamespace(trace_id=tid, trace_metadata={"mlflow.trace.session": sid} if sid else {})
            )
            store.add_traces_to_session(chat, [turn("tr-a", "s-1"), turn("tr-b", "s-1"), turn("tr-c", None)])
            self.assertEqual(server.recorder.conversations[chat.labeling_session_id], ["s-1"])
            self.assertEqual(server.recorder.items[chat.labeling_session_id], ["tr-c"])
            updated = store.set_session_assigned_users(session, ["b@x.test"])
            self.assertEqual(updated.assigned_users, ["b@x.test"])
            store.sync_session_expectations(session, "gold")
            store.delete_labeling_session(session)
            self.assertEqual(store.get_labeling_sessions(), [])
            store.delete_label_schema("facts")
            from mlflow.exceptions import MlflowException

            with self.assertRaises(MlflowException):
                store.get_label_schema("facts")


if __name__ == "__main__":
    unittest.main()
