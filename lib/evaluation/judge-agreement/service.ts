import "server-only";
/**
 * Agreement of custom judges with the experts, per judge version: for every trace a version
 * scored (in any run), the judge's value against the experts' label under the judge's label name
 * (`pickHumanLabel`: adjudicated first, else agreeing reviewers). Shown on the run page (the
 * versions that run used) and on the judge's page (every version).
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";
import { pickHumanLabel, type HumanLabelCandidate } from "@/lib/assessments/human-label";
import { summarizeJudgeAgreement, type AgreementItem } from "@/lib/evaluation/custom-judges/agreement";
import { loadJudge } from "@/lib/evaluation/custom-judges/service";
import type { JudgeAgreementDto } from "@/lib/evaluation/custom-judges/types";
import { parseJsonText } from "@/lib/evaluation/trace-data";

const CHUNK = 500;

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function metadataOf(text: string): Record<string, string> {
  try {
    const m = JSON.parse(text) as unknown;
    return m && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The judge's value per trace over the given (run, scorer name) uses; a later run wins. */
async function judgeValues(uses: { evaluationRunId: string; scorerName: string }[]): Promise<Map<string, unknown>> {
  const byTrace = new Map<string, unknown>();
  for (const u of uses) {
    const scores = await db().evaluationScore.findMany({
      where: { scorerName: u.scorerName, value: { not: null }, row: { evaluationRunId: u.evaluationRunId } },
      select: { value: true, row: { select: { traceId: true } } },
    });
    for (const s of scores) if (s.row.traceId) byTrace.set(s.row.traceId, parseJsonText(s.value));
  }
  return byTrace;
}

async function humanLabels(traceIds: string[], labelName: string): Promise<Map<string, HumanLabelCandidate[]>> {
  const byTrace = new Map<string, HumanLabelCandidate[]>();
  for (const ids of chunks(traceIds)) {
    const rows = await db().assessment.findMany({
      where: { traceId: { in: ids }, name: labelName, sourceType: "HUMAN", valid: true, value: { not: null } },
      select: { traceId: true, value: true, metadata: true, createdAt: true },
    });
    for (const r of rows) {
      const list = byTrace.get(r.traceId) ?? [];
      list.push({ value: parseJsonText(r.value), metadata: metadataOf(r.metadata), createdAt: r.createdAt.getTime() });
      byTrace.set(r.traceId, list);
    }
  }
  return byTrace;
}

async function agreementFor(
  judge: { id: string; name: string; labelName: string },
  version: { id: string; version: number },
  uses: { evaluationRunId: string; scorerName: string }[],
): Promise<JudgeAgreementDto> {
  const values = await judgeValues(uses);
  const humans = await humanLabels([...values.keys()], judge.labelName);
  const items: AgreementItem[] = [...values].map(([traceId, judgeValue]) => ({
    traceId,
    judge: judgeValue,
    human: pickHumanLabel(humans.get(traceId) ?? []),
  }));
  return {
    judgeId: judge.id,
    judgeName: judge.name,
    labelName: judge.labelName,
    version: version.version,
    ...summarizeJudgeAgreement(items),
  };
}

/** Every version of a judge, newest first, each over all the runs that used it. */
export async function getJudgeAgreement(actor: Actor, judgeId: string): Promise<{ versions: JudgeAgreementDto[] }> {
  requireRole(actor, "DEVELOPER");
  const judge = await loadJudge(judgeId);
  await getExperiment(actor, judge.experimentId);
  const versions = await db().judgeVersion.findMany({
    where: { judgeId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, uses: { select: { evaluationRunId: true, scorerName: true } } },
  });
  return { versions: await Promise.all(versions.map((v) => agreementFor(judge, v, v.uses))) };
}

/** The custom judges one run used, each over that run's rows only. */
export async function getRunJudgeAgreement(
  actor: Actor,
  evaluationRunId: string,
): Promise<{ judges: JudgeAgreementDto[] }> {
  requireRole(actor, "DEVELOPER");
  const run = await db().evaluationRun.findUnique({ where: { id: evaluationRunId }, select: { experimentId: true } });
  if (!run) throw new NotFoundError(`Evaluation run '${evaluationRunId}' not found`);
  await getExperiment(actor, run.experimentId);
  const uses = await db().judgeRunUse.findMany({
    where: { evaluationRunId },
    orderBy: { scorerName: "asc" },
    include: { judgeVersion: { include: { judge: true } } },
  });
  return {
    judges: await Promise.all(
      uses.map((u) =>
        agreementFor(u.judgeVersion.judge, u.judgeVersion, [{ evaluationRunId, scorerName: u.scorerName }]),
      ),
    ),
  };
}
