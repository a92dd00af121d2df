import "server-only";
/**
 * The judge endpoint: AppSetting rows (`judge.base_url`, `judge.model`, `judge.api_key`,
 * `judge.timeout_ms`) set in Settings, else the environment (JUDGE_BASE_URL, JUDGE_API_KEY,
 * JUDGE_MODEL). The key is a secret: DTOs carry only whether one is set and its last 4 characters,
 * and it is stored encrypted (lib/security/secrets.ts); a plaintext key from an older version is
 * encrypted the first time it is read.
 */
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/guard";
import { db } from "@/lib/db/client";
import { assertFetchableUrl } from "@/lib/allowed-hosts/service";
import { recordAuditEvent } from "@/lib/audit/record";
import { decryptSecret, encryptSecret, isEncrypted } from "@/lib/security/secrets";
import {
  ZJudgeEndpointConfig,
  type TJudgeEndpointConfig,
  type TUpdateJudgeSettingsBody,
} from "@/lib/evaluation/schemas";
import type { JudgeSettingsDto } from "@/lib/evaluation/types";
export type { JudgeSettingsDto } from "@/lib/evaluation/types";

const KEYS = {
  baseUrl: "judge.base_url",
  model: "judge.model",
  apiKey: "judge.api_key",
  timeoutMs: "judge.timeout_ms",
  maxRetries: "judge.max_retries",
} as const;

async function readRows(): Promise<Record<string, string>> {
  const rows = await db().appSetting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const out: Record<string, string> = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const stored = out[KEYS.apiKey];
  if (stored) {
    if (!isEncrypted(stored)) {
      // Migrate on read: only this exact plaintext is replaced, so a concurrent save wins.
      await db().appSetting.updateMany({
        where: { key: KEYS.apiKey, value: stored },
        data: { value: encryptSecret(stored) },
      });
    }
    out[KEYS.apiKey] = decryptSecret(stored);
  }
  return out;
}

interface Raw {
  source: JudgeSettingsDto["source"];
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

const num = (v: string | undefined) =>
  v === undefined || v === "" || !Number.isFinite(Number(v)) ? undefined : Number(v);

async function readRaw(): Promise<Raw> {
  const rows = await readRows();
  if (rows[KEYS.baseUrl] && rows[KEYS.model]) {
    return {
      source: "settings",
      baseUrl: rows[KEYS.baseUrl],
      model: rows[KEYS.model],
      apiKey: rows[KEYS.apiKey] || undefined,
      timeoutMs: num(rows[KEYS.timeoutMs]),
      maxRetries: num(rows[KEYS.maxRetries]),
    };
  }
  const env = process.env;
  if (env.JUDGE_BASE_URL && env.JUDGE_MODEL) {
    return {
      source: "environment",
      baseUrl: env.JUDGE_BASE_URL,
      model: env.JUDGE_MODEL,
      apiKey: env.JUDGE_API_KEY || undefined,
      timeoutMs: num(env.JUDGE_TIMEOUT_MS),
      maxRetries: num(env.JUDGE_MAX_RETRIES),
    };
  }
  return { source: "none" };
}

const hint = (key: string | undefined) => (key ? `…${key.slice(-4)}` : null);

/** The effective judge settings without the key (any developer may see which judge is used). */
export async function getJudgeSettings(actor: Actor): Promise<JudgeSettingsDto> {
  requireRole(actor, "DEVELOPER");
  const raw = await readRaw();
  return {
    source: raw.source,
    baseUrl: raw.baseUrl ?? null,
    model: raw.model ?? null,
    apiKeySet: Boolean(raw.apiKey),
    apiKeyHint: hint(raw.apiKey),
    timeoutMs: raw.timeoutMs ?? null,
    maxRetries: raw.maxRetries ?? null,
  };
}

/** Saves the judge endpoint (admins). Omitting `apiKey` keeps the stored one; null removes it. */
export async function updateJudgeSettings(actor: Actor, body: TUpdateJudgeSettingsBody): Promise<JudgeSettingsDto> {
  requireRole(actor, "ADMIN");
  await assertFetchableUrl(body.baseUrl, "body.baseUrl", actor);
  await db().$transaction(async (tx) => {
    const set = (key: string, value: string) =>
      tx.appSetting.upsert({ where: { key }, update: { value }, create: { key, value } });
    await set(KEYS.baseUrl, body.baseUrl);
    await set(KEYS.model, body.model);
    if (body.timeoutMs !== undefined) await set(KEYS.timeoutMs, String(body.timeoutMs));
    if (body.maxRetries !== undefined) await set(KEYS.maxRetries, String(body.maxRetries));
    if (body.apiKey === null) await tx.appSetting.deleteMany({ where: { key: KEYS.apiKey } });
    else if (body.apiKey !== undefined) await set(KEYS.apiKey, encryptSecret(body.apiKey));
    await recordAuditEvent(
      {
        actor,
        action: "judge_settings.changed",
        target: { type: "setting", id: "judge" },
        // Never the key itself: only whether it changed.
        details: {
          baseUrl: body.baseUrl,
          model: body.model,
          apiKey: body.apiKey === null ? "removed" : body.apiKey === undefined ? "kept" : "replaced",
        },
      },
      tx,
    );
  });
  return getJudgeSettings(actor);
}

/**
 * The full endpoint, key included, for the runner only (never returned to a client). Null when
 * no judge is configured; judge scorers then record "no judge endpoint configured" per row.
 */
export async function resolveJudgeEndpoint(): Promise<TJudgeEndpointConfig | null> {
  const raw = await readRaw();
  if (raw.source === "none") return null;
  const parsed = ZJudgeEndpointConfig.safeParse({
    baseUrl: raw.baseUrl,
    model: raw.model,
    apiKey: raw.apiKey,
    timeoutMs: raw.timeoutMs,
    maxRetries: raw.maxRetries,
  });
  return parsed.success ? parsed.data : null;
}
