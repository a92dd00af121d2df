/**
 * Keyset pages of listConversations on both databases: walking every page by nextPageToken
 * gives exactly one GROUP BY over all matching turns (latest matching turn first, then session
 * id), with ties on the latest time, conversations whose turns span page edges, and a filter.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { encodeKeysetToken, encodePageToken } from "@/lib/paging/page-token";
import { db, makeExperiment } from "@/test/db";
import { listConversations } from "./service";

let experimentId = "";

beforeAll(async () => {
  experimentId = (await makeExperiment()).id;
  // 30 conversations of 1–5 turns at times from a small set (many ties), interleaved.
  const rows = [];
  for (let c = 0; c < 30; c++) {
    for (let t = 0; t <= c % 5; t++) {
      rows.push({
        id: `tr-${experimentId.slice(-6)}${String(c).padStart(3, "0")}${String(t).padStart(23, "0")}`,
        experimentId,
        sessionId: `s-${((c * 7) % 30).toString(16).padStart(2, "0")}`,
        timestampMs: BigInt(1_700_000_000_000 + ((c * 13 + t * 29) % 11) * 1000),
        state: (c + t) % 3 === 0 ? "ERROR" : "OK",
      });
    }
  }
  await db().trace.createMany({ data: rows });
});

async function expected(filter?: string): Promise<string[]> {
  const traces = await db().trace.findMany({
    where: { experimentId, ...(filter ? { state: "ERROR" } : {}) },
    select: { sessionId: true, timestampMs: true },
  });
  const latest = new Map<string, bigint>();
  for (const t of traces)
    if ((latest.get(t.sessionId!) ?? -1n) < t.timestampMs) latest.set(t.sessionId!, t.timestampMs);
  return [...latest]
    .sort(([a, x], [b, y]) => (x !== y ? (x > y ? -1 : 1) : a < b ? -1 : 1))
    .map(([sessionId]) => sessionId);
}

describe("keyset pages of listConversations", () => {
  it.each([
    [4, undefined],
    [1, undefined],
    [3, "attributes.status = 'ERROR'"],
  ] as const)("walks pages of %i (filter %s) with the rows of one GROUP BY", async (size, filter) => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations(SYSTEM_ACTOR, experimentId, { maxResults: size, pageToken: token, filter });
      seen.push(...page.conversations.map((c) => c.sessionId));
      if (page.nextPageToken) expect(page.conversations).toHaveLength(size);
      token = page.nextPageToken;
    } while (token && ++pages < 100);
    expect(seen).toEqual(await expected(filter));
  });

  it("still reads offset tokens, and rejects a token of another list", async () => {
    const all = await expected();
    const page = await listConversations(SYSTEM_ACTOR, experimentId, { maxResults: 5, pageToken: encodePageToken(5) });
    expect(page.conversations.map((c) => c.sessionId)).toEqual(all.slice(5, 10));
    const next = await listConversations(SYSTEM_ACTOR, experimentId, { maxResults: 5, pageToken: page.nextPageToken });
    expect(next.conversations.map((c) => c.sessionId)).toEqual(all.slice(10, 15));
    await expect(
      listConversations(SYSTEM_ACTOR, experimentId, {
        maxResults: 5,
        pageToken: encodeKeysetToken("after", [1, 2, 3]),
      }),
    ).rejects.toThrow(ValidationError);
  });
});
