import "server-only";
/**
 * Agents per experiment (Developer/Admin). The key is encrypted at rest (lib/security/secrets.ts)
 * and never leaves the server: DTOs say only whether one is set and its last 4 characters. URLs
 * are vetted by the outbound URL guard when saved, and every call goes through it again
 * (./stream.ts) with the admins' allowed internal hosts.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { assertFetchableUrl } from "@/lib/allowed-hosts/service";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { decryptSecret, encryptSecret } from "@/lib/security/secrets";
import type { AgentDto, SessionAgentDto, TCreateAgentBody, TSetSessionAgentBody, TUpdateAgentBody } from "./schemas";

export const DEFAULT_AGENT_TIMEOUT_MS = 60_000;

type AgentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["agent"]["findUnique"]>>>;

/** The endpoint with its key in plaintext: for the chat service only, never sent to a client. */
export interface ResolvedAgent {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKey: string | null;
  systemPrompt: string | null;
  timeoutMs: number;
}

function toDto(a: AgentRow): AgentDto {
  const key = a.apiKey ? decryptSecret(a.apiKey) : null;
  return {
    id: a.id,
    experimentId: a.experimentId,
    name: a.name,
    baseUrl: a.baseUrl,
    model: a.model,
    apiKeySet: Boolean(key),
    apiKeyHint: key ? `…${key.slice(-4)}` : null,
    systemPrompt: a.systemPrompt,
    timeoutMs: a.timeoutMs,
    createdAt: a.createdAt.getTime(),
    updatedAt: a.updatedAt.getTime(),
  };
}

async function requireExperiment(experimentId: string): Promise<void> {
  const exp = await db().experiment.findUnique({ where: { id: experimentId }, select: { lifecycleStage: true } });
  if (!exp || exp.lifecycleStage !== "active") throw new NotFoundError(`Experiment '${experimentId}' does not exist`);
}

async function loadAgent(agentId: string): Promise<AgentRow> {
  const row = await db().agent.findUnique({ where: { id: agentId } });
  if (!row) throw new NotFoundError(`Agent '${agentId}' does not exist`);
  return row;
}

async function assertNameFree(experimentId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await db().agent.findFirst({
    where: { experimentId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
  });
  if (clash)
    throw new ConflictError(`An agent named '${name}' already exists in this experiment`, {
      issues: [{ path: "body.name", message: "is already used by another agent of this experiment" }],
    });
}

/** The experiment's agents, by name (at most a few per experiment, so not paged beyond 200). */
export async function listAgents(actor: Actor, experimentId: string): Promise<{ agents: AgentDto[] }> {
  requireRole(actor, "DEVELOPER");
  await requireExperiment(experimentId);
  const rows = await db().agent.findMany({ where: { experimentId }, orderBy: { name: "asc" }, take: 200 });
  return { agents: rows.map(toDto) };
}

export async function getAgent(actor: Actor, agentId: string): Promise<AgentDto> {
  requireRole(actor, "DEVELOPER");
  return toDto(await loadAgent(agentId));
}

export async function createAgent(actor: Actor, experimentId: string, body: TCreateAgentBody): Promise<AgentDto> {
  requireRole(actor, "DEVELOPER");
  await requireExperiment(experimentId);
  await assertFetchableUrl(body.baseUrl, "body.baseUrl", actor);
  await assertNameFree(experimentId, body.name);
  const row = await db().$transaction(async (tx) => {
    const created = await tx.agent.create({
      data: {
        id: newId(),
        experimentId,
        name: body.name,
        baseUrl: body.baseUrl,
        model: body.model,
        apiKey: body.apiKey ? encryptSecret(body.apiKey) : null,
        systemPrompt: body.systemPrompt?.trim() ? body.systemPrompt : null,
        timeoutMs: body.timeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS,
        createdById: actor.userId === "system" ? null : actor.userId,
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "agent.created",
        target: { type: "agent", id: created.id },
        details: {
          experimentId,
          name: body.name,
          baseUrl: body.baseUrl,
          model: body.model,
          apiKey: body.apiKey ? "set" : "none",
        },
      },
      tx,
    );
    return created;
  });
  return toDto(row);
}

export async function updateAgent(actor: Actor, agentId: string, body: TUpdateAgentBody): Promise<AgentDto> {
  requireRole(actor, "DEVELOPER");
  const current = await loadAgent(agentId);
  if (body.baseUrl) await assertFetchableUrl(body.baseUrl, "body.baseUrl", actor);
  if (body.name && body.name !== current.name) await assertNameFree(current.experimentId, body.name, agentId);
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.agent.update({
      where: { id: agentId },
      data: {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.baseUrl !== undefined ? { baseUrl: body.baseUrl } : {}),
        ...(body.model !== undefined ? { model: body.model } : {}),
        ...(body.timeoutMs !== undefined ? { timeoutMs: body.timeoutMs } : {}),
        ...(body.systemPrompt !== undefined
          ? { systemPrompt: body.systemPrompt?.trim() ? body.systemPrompt : null }
          : {}),
        ...(body.apiKey === null
          ? { apiKey: null }
          : body.apiKey !== undefined
            ? { apiKey: encryptSecret(body.apiKey) }
            : {}),
      },
    });
    await recordAuditEvent(
      {
        actor,
        action: "agent.changed",
        target: { type: "agent", id: agentId },
        // Never the key itself: only whether it changed.
        details: {
          fields: Object.keys(body).filter((k) => body[k as keyof TUpdateAgentBody] !== undefined && k !== "apiKey"),
          apiKey: body.apiKey === null ? "removed" : body.apiKey === undefined ? "kept" : "replaced",
        },
      },
      tx,
    );
    return updated;
  });
  return toDto(row);
}

/** Removes an agent; sessions that used it no longer offer a chat (their recorded chats stay). */
export async function deleteAgent(actor: Actor, agentId: string): Promise<{ deleted: true }> {
  requireRole(actor, "DEVELOPER");
  const current = await loadAgent(agentId);
  await db().$transaction(async (tx) => {
    await tx.agent.delete({ where: { id: agentId } });
    await recordAuditEvent(
      { actor, action: "agent.deleted", target: { type: "agent", id: agentId }, details: { name: current.name } },
      tx,
    );
  });
  return { deleted: true };
}

/** Deletes an agent by name (the Python client's `ReviewApp.remove_agent(name)`). */
export async function deleteAgentByName(actor: Actor, experimentId: string, name: string): Promise<{ deleted: true }> {
  requireRole(actor, "DEVELOPER");
  const row = await db().agent.findFirst({ where: { experimentId, name }, select: { id: true } });
  if (!row) throw new NotFoundError(`No agent named '${name}' in experiment '${experimentId}'`);
  return deleteAgent(actor, row.id);
}

/** Gives a labeling session an agent (or none); the agent must belong to the session's experiment. */
export async function setSessionAgent(
  actor: Actor,
  sessionId: string,
  body: TSetSessionAgentBody,
): Promise<{ agent: SessionAgentDto | null }> {
  requireRole(actor, "DEVELOPER");
  const session = await db().labelingSession.findUnique({ where: { id: sessionId }, select: { experimentId: true } });
  if (!session) throw new NotFoundError(`Labeling session '${sessionId}' does not exist`);
  if (body.agentId === null) {
    await db().labelingSessionAgent.deleteMany({ where: { sessionId } });
    return { agent: null };
  }
  const agent = await db().agent.findUnique({ where: { id: body.agentId } });
  if (!agent || agent.experimentId !== session.experimentId)
    throw new ValidationError(`Agent '${body.agentId}' is not an agent of this session's experiment`, {
      issues: [{ path: "body.agentId", message: "must be an agent of the session's experiment" }],
    });
  await db().labelingSessionAgent.upsert({
    where: { sessionId },
    update: { agentId: agent.id },
    create: { sessionId, agentId: agent.id },
  });
  return { agent: { agentId: agent.id, name: agent.name, model: agent.model } };
}

/** The agent a session names (Developer/Admin: the session page's picker). */
export async function getSessionAgent(actor: Actor, sessionId: string): Promise<{ agent: SessionAgentDto | null }> {
  requireRole(actor, "DEVELOPER");
  const session = await db().labelingSession.findUnique({ where: { id: sessionId }, select: { id: true } });
  if (!session) throw new NotFoundError(`Labeling session '${sessionId}' does not exist`);
  return { agent: await sessionAgentOf(sessionId) };
}

/** The session's agent without endpoint details (callers check the actor may see the session). */
export async function sessionAgentOf(sessionId: string): Promise<SessionAgentDto | null> {
  const link = await db().labelingSessionAgent.findUnique({ where: { sessionId }, include: { agent: true } });
  return link ? { agentId: link.agent.id, name: link.agent.name, model: link.agent.model } : null;
}

function resolved(a: AgentRow): ResolvedAgent {
  return {
    id: a.id,
    name: a.name,
    baseUrl: a.baseUrl,
    model: a.model,
    apiKey: a.apiKey ? decryptSecret(a.apiKey) : null,
    systemPrompt: a.systemPrompt,
    timeoutMs: a.timeoutMs,
  };
}

/** The full endpoint of a session's agent, key decrypted, for the server-side call only. */
export async function resolveSessionAgent(sessionId: string): Promise<ResolvedAgent | null> {
  const link = await db().labelingSessionAgent.findUnique({ where: { sessionId }, include: { agent: true } });
  return link ? resolved(link.agent) : null;
}

/** An agent's full endpoint, key decrypted, for the server-side call only (null once deleted). */
export async function resolveAgent(agentId: string): Promise<ResolvedAgent | null> {
  const row = await db().agent.findUnique({ where: { id: agentId } });
  return row ? resolved(row) : null;
}
