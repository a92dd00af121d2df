import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { API_KEY_PREFIX, hashApiKey } from "@/lib/auth/credentials";
import { forgetRecentCredentials } from "@/lib/auth/recent";
import { requireRole } from "@/lib/auth/guard";
import { recordAuditEvent } from "@/lib/audit/service";
import type { ApiKeyDto } from "@/lib/users/types";
export type { ApiKeyDto } from "@/lib/users/types";

function toDto(k: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}): ApiKeyDto {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revoked: k.revokedAt !== null,
  };
}

/**
 * Creates a personal API key for the actor (or, for admins, another user). The key is returned
 * once: only its SHA-256 is stored, so it cannot be shown again.
 */
export async function createApiKey(
  actor: Actor,
  name: string,
  forUserId = actor.userId,
): Promise<{ key: string; apiKey: ApiKeyDto }> {
  if (forUserId !== actor.userId) requireRole(actor, "ADMIN");
  const key = `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db().apiKey.create({
    data: { id: newId(), userId: forUserId, name, prefix: key.slice(0, 10), keyHash: hashApiKey(key) },
  });
  await recordAuditEvent({
    actor,
    action: "api_key.created",
    target: { type: "api_key", id: row.id },
    details: { name, prefix: row.prefix, forUserId },
  });
  return { key, apiKey: toDto(row) };
}

/** The actor's own keys, newest first. */
export async function listApiKeys(actor: Actor): Promise<ApiKeyDto[]> {
  const rows = await db().apiKey.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map(toDto);
}

/** Revokes a key of the actor's own (admins: anyone's). */
export async function revokeApiKey(actor: Actor, id: string): Promise<ApiKeyDto> {
  const row = await db().apiKey.findUnique({ where: { id } });
  if (!row || (row.userId !== actor.userId && actor.role !== "ADMIN"))
    throw new NotFoundError(`No API key with id ${id}`);
  const updated = await db().apiKey.update({ where: { id }, data: { revokedAt: row.revokedAt ?? new Date() } });
  // The key stops working at once here, within lib/auth/recent.ts's moment on other servers.
  forgetRecentCredentials();
  if (!row.revokedAt)
    await recordAuditEvent({
      actor,
      action: "api_key.revoked",
      target: { type: "api_key", id },
      details: { name: row.name, prefix: row.prefix, ownerId: row.userId },
    });
  return toDto(updated);
}
