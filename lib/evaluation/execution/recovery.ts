/**
 * Start-up recovery for evaluation runs. The runner keeps its jobs in memory, so a run that
 * was PENDING or RUNNING when the server stopped can never finish: it is marked FAILED (with
 * the reason as a run tag), its unscored rows stay PENDING, and the rows already scored keep
 * their scores and assessments. Takes the client explicitly: the bootstrap runs outside Next.js.
 */
import type { Db } from "../../db/client";

export async function failInterruptedRuns(client: Db): Promise<number> {
  const stuck = await client.evaluationRun.findMany({
    where: { status: { in: ["PENDING", "RUNNING"] } },
    select: { id: true, runId: true },
  });
  const now = new Date();
  for (const r of stuck) {
    const value = "The server stopped while this run was in progress; start a new run to score the remaining rows.";
    await client.$transaction([
      client.evaluationRun.update({ where: { id: r.id }, data: { status: "FAILED", finishedAt: now } }),
      client.run.update({ where: { id: r.runId }, data: { status: "FAILED", endTimeMs: BigInt(now.getTime()) } }),
      client.runTag.upsert({
        where: { runId_key: { runId: r.runId, key: "tracelight.evaluation.error" } },
        update: { value },
        create: { runId: r.runId, key: "tracelight.evaluation.error", value },
      }),
    ]);
  }
  return stuck.length;
}
