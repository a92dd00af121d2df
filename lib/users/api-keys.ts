import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { recordAuditEvent } from "@/lib/audit/service";

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

const KEY_PREFIX = "tl_";
// Writing last-used on every request would turn each read into a write; a minute is precise enough.
const LAST_USED_RESOLUTION_MS = 60_000;

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

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
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const row = await db().apiKey.create({
    data: { id: newId(), userId: forUserId, name, prefix: key.slice(0, 10), keyHash: hashKey(key) },
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
  if (!row.revokedAt)
    await recordAuditEvent({
      actor,
      action: "api_key.revoked",
      target: { type: "api_key", id },
      details: { name: row.name, prefix: row.prefix, ownerId: row.userId },
    });
  return toDto(updated);
}

/** The actor a presented key stands for, or null for an unknown, revoked or disabled one. */
export async function authenticateApiKey(key: string): Promise<Actor | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await db().apiKey.findUnique({ where: { keyHash: hashKey(key) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  const u = row.user;
  return { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "apiKey", apiKeyId: row.id };
}
