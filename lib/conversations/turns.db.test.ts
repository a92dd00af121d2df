/** The shared conversation queries (lib/conversations/turns.ts) on both databases, and that they agree with the Sessions view. */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { insertTrace } from "@/lib/seed/factories";
import { db, makeExperiment, uniqueName } from "@/test/db";
import { listConversations } from "./service";
import { conversationIdsMatching, firstTurnIds, orderedTurnIds, turnsOf } from "./turns";

const T0 = 1_700_000_000_000;
let experimentId = "";
const conv = { a: "", b: "", c: "" };
const ids: Record<string, string> = {};

const turn = (session: string | null, second: number, env: string) =>
  insertTrace(db(), {
    experimentId,
    timestampMs: T0 + second * 1000,
    tags: { env },
    metadata: session ? { "mlflow.trace.session": session } : {},
    root: {
      name: "chat",
      spanType: "CHAIN",
      startMs: 0,
      durationMs: 10,
      inputs: { q: second },
      outputs: { a: second },
    },
  });

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  conv.a = uniqueName("conv-a");
  conv.b = uniqueName("conv-b");
  conv.c = uniqueName("conv-c");
  // Inserted out of time order; b starts first, a's only prod turn comes after b's.
  ids.a3 = await turn(conv.a, 30, "prod");
  ids.a1 = await turn(conv.a, 10, "dev");
  ids.a2 = await turn(conv.a, 20, "dev");
  ids.b1 = await turn(conv.b, 5, "prod");
  ids.b2 = await turn(conv.b, 25, "dev");
  ids.c1 = await turn(conv.c, 40, "dev");
  await turn(null, 50, "prod"); // not a turn of any conversation
});

describe("conversation turns", () => {
  it("finds conversations by any matching turn, in order of their first match, like the Sessions view", async () => {
    expect(await conversationIdsMatching(experimentId, "tags.env = 'prod'", 10)).toEqual([conv.b, conv.a]);
    expect(await conversationIdsMatching(experimentId, "tags.env = 'prod'", 1)).toEqual([conv.b]);
    const view = await listConversations(SYSTEM_ACTOR, experimentId, { filter: "tags.env = 'prod'" });
    expect(view.conversations.map((c) => c.sessionId).sort()).toEqual([conv.a, conv.b].sort());
    expect(await conversationIdsMatching(experimentId, "tags.env = 'none'", 10)).toEqual([]);
  });

  it("gives each conversation's first turn and its turns in time order", async () => {
    const first = await firstTurnIds(experimentId, [conv.a, conv.b, "missing"]);
    expect(Object.fromEntries(first)).toEqual({ [conv.a]: ids.a1, [conv.b]: ids.b1 });
    expect(await orderedTurnIds(experimentId, conv.a, 10)).toEqual({
      traceIds: [ids.a1, ids.a2, ids.a3],
      truncated: false,
    });
    expect(await orderedTurnIds(experimentId, conv.a, 2)).toEqual({ traceIds: [ids.a1, ids.a2], truncated: true });
    const turns = await turnsOf(experimentId, [conv.a, conv.c]);
    expect(turns.map((t) => `${t.conversationId}:${t.traceId}`).sort()).toEqual(
      [ids.a1, ids.a2, ids.a3]
        .map((t) => `${conv.a}:${t}`)
        .concat(`${conv.c}:${ids.c1}`)
        .sort(),
    );
  });
});
