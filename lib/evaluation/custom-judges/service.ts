import "server-only";
/**
 * Custom judges of an experiment: create, list, read, and edit (each edit is a new version, so a
 * run's scores always point at the prompt that produced them). Per-judge API keys are encrypted
 * at rest and never returned; per-judge base URLs pass the outbound URL guard when saved and
 * again when called.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { getExperiment } from "@/lib/experiments/service";
import { assertFetchableUrl } from "@/lib/allowed-hosts/service";
import { encryptSecret } from "@/lib/security/secrets";
import { newId } from "@/lib/ids";
import type { TCreateJudgeBody, TJudgeOutputType, TUpdateJudgeBody } from "./schemas";
import type { JudgeDetailDto, JudgeDto, JudgeVersionDto } from "./types";

export type { JudgeDetailDto, JudgeDto, JudgeVersionDto } from "./types";

type VersionRow = Awaited<ReturnType<ReturnType<typeof db>["judgeVersion"]["findUniqueOrThrow"]>>;
type JudgeRow = Awaited<ReturnType<ReturnType<typeof db>["judge"]["findUniqueOrThrow"]>>;

function toVersionDto(v: VersionRow): JudgeVersionDto {
  const o = JSON.parse(v.outputOptions) as { options?: string[]; min?: number; max?: number };
  return {
    id: v.id,
    version: v.version,
    prompt: v.prompt,
    outputType: v.outputType as TJudgeOutputType,
    options: o.options ?? [],
    min: o.min ?? null,
    max: o.max ?? null,
    baseUrl: v.baseUrl,
    model: v.model,
    apiKeySet: Boolean(v.apiKey),
    createdAt: v.createdAt.getTime(),
  };
}

function toJudgeDto(j: JudgeRow, current: VersionRow): JudgeDto {
  return {
    id: j.id,
    experimentId: j.experimentId,
    name: j.name,
    labelName: j.labelName,
    currentVersion: j.currentVersion,
    createdAt: j.createdAt.getTime(),
    updatedAt: j.updatedAt.getTime(),
    current: toVersionDto(current),
  };
}

function outputOptions(b: TUpdateJudgeBody): string {
  if (b.outputType === "categorical") return JSON.stringify({ options: b.options });
  if (b.outputType === "numeric") return JSON.stringify({ min: b.min, max: b.max });
  return "{}";
}

/** The version's columns; `previousKey` (encrypted) is kept when the body omits `apiKey`. */
async function versionData(actor: Actor, b: TUpdateJudgeBody, previousKey: string | null) {
  if (b.baseUrl) await assertFetchableUrl(b.baseUrl, "body.baseUrl", actor);
  const apiKey = !b.baseUrl || b.apiKey === null ? null : b.apiKey ? encryptSecret(b.apiKey) : previousKey;
  return {
    prompt: b.prompt,
    outputType: b.outputType,
    outputOptions: outputOptions(b),
    baseUrl: b.baseUrl ?? null,
    model: b.baseUrl ? (b.model ?? null) : null,
    apiKey,
    createdById: actor.via === "system" ? null : actor.userId,
  };
}

export async function loadJudge(judgeId: string): Promise<JudgeRow> {
  const j = await db().judge.findUnique({ where: { id: judgeId } });
  if (!j) throw new NotFoundError(`Judge '${judgeId}' not found`);
  return j;
}

/** The experiment's judges, by name, each with its current version. */
export async function listJudges(actor: Actor, experimentId: string): Promise<{ judges: JudgeDto[] }> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  const judges = await db().judge.findMany({ where: { experimentId }, orderBy: { name: "asc" }, take: 500 });
  const versions = await db().judgeVersion.findMany({
    where: { OR: judges.map((j) => ({ judgeId: j.id, version: j.currentVersion })) },
  });
  const byJudge = new Map(versions.map((v) => [v.judgeId, v]));
  return { judges: judges.flatMap((j) => (byJudge.has(j.id) ? [toJudgeDto(j, byJudge.get(j.id)!)] : [])) };
}

/** One judge with every version, newest first. */
export async function getJudge(actor: Actor, judgeId: string): Promise<JudgeDetailDto> {
  requireRole(actor, "DEVELOPER");
  const j = await loadJudge(judgeId);
  await getExperiment(actor, j.experimentId);
  const versions = await db().judgeVersion.findMany({ where: { judgeId }, orderBy: { version: "desc" } });
  const current = versions.find((v) => v.version === j.currentVersion) ?? versions[0]!;
  return { ...toJudgeDto(j, current), versions: versions.map(toVersionDto) };
}

/** Creates a judge (version 1). Names are unique in an experiment: they name its scores. */
export async function createJudge(actor: Actor, experimentId: string, body: TCreateJudgeBody): Promise<JudgeDetailDto> {
  requireRole(actor, "DEVELOPER");
  await getExperiment(actor, experimentId);
  if (await db().judge.findUnique({ where: { experimentId_name: { experimentId, name: body.name } } }))
    throw new ConflictError(`body.name: a judge named '${body.name}' already exists in this experiment`);
  const data = await versionData(actor, body, null);
  const id = newId();
  await db().$transaction(async (tx) => {
    await tx.judge.create({
      data: {
        id,
        experimentId,
        name: body.name,
        labelName: body.labelName,
        currentVersion: 1,
        createdById: data.createdById,
      },
    });
    await tx.judgeVersion.create({ data: { id: newId(), judgeId: id, version: 1, ...data } });
  });
  return getJudge(actor, id);
}

/** Saves an edit as a new version and makes it current; earlier versions stay for the runs that used them. */
export async function updateJudge(actor: Actor, judgeId: string, body: TUpdateJudgeBody): Promise<JudgeDetailDto> {
  requireRole(actor, "DEVELOPER");
  const j = await loadJudge(judgeId);
  await getExperiment(actor, j.experimentId);
  const previous = await db().judgeVersion.findUniqueOrThrow({
    where: { judgeId_version: { judgeId, version: j.currentVersion } },
  });
  const data = await versionData(actor, body, previous.apiKey);
  await db().$transaction(async (tx) => {
    const last = await tx.judgeVersion.findFirst({ where: { judgeId }, orderBy: { version: "desc" } });
    const version = (last?.version ?? 0) + 1;
    await tx.judgeVersion.create({ data: { id: newId(), judgeId, version, ...data } });
    await tx.judge.update({ where: { id: judgeId }, data: { currentVersion: version, labelName: body.labelName } });
  });
  return getJudge(actor, judgeId);
}

/**
 * For a new run: checks each custom judge belongs to the experiment, pins the version (the
 * current one unless given) and names the scorer after the judge unless named.
 */
export async function pinCustomJudge(
  experimentId: string,
  judgeId: string,
  version: number | undefined,
): Promise<{ judge: JudgeRow; version: VersionRow }> {
  const j = await db().judge.findUnique({ where: { id: judgeId } });
  if (!j || j.experimentId !== experimentId)
    throw new ValidationError(`body.scorers: judge '${judgeId}' is not a judge of this experiment`);
  const v = await db().judgeVersion.findUnique({
    where: { judgeId_version: { judgeId, version: version ?? j.currentVersion } },
  });
  if (!v) throw new ValidationError(`body.scorers: judge '${j.name}' has no version ${version}`);
  return { judge: j, version: v };
}
