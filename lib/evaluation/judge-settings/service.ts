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
  base_url?: string;
  model?: string;
  api_key?: string;
  timeout_ms?: number;
  max_retries?: number;
}

const num = (v: string | undefined) =>
  v === undefined || v === "" || !Number.isFinite(Number(v)) ? undefined : Number(v);

async function readRaw(): Promise<Raw> {
  const rows = await readRows();
  if (rows[KEYS.baseUrl] && rows[KEYS.model]) {
    return {
      source: "settings",
      base_url: rows[KEYS.baseUrl],
      model: rows[KEYS.model],
      api_key: rows[KEYS.apiKey] || undefined,
      timeout_ms: num(rows[KEYS.timeoutMs]),
      max_retries: num(rows[KEYS.maxRetries]),
    };
  }
  const env = process.env;
  if (env.JUDGE_BASE_URL && env.JUDGE_MODEL) {
    return {
      source: "environment",
      base_url: env.JUDGE_BASE_URL,
      model: env.JUDGE_MODEL,
      api_key: env.JUDGE_API_KEY || undefined,
      timeout_ms: num(env.JUDGE_TIMEOUT_MS),
      max_retries: num(env.JUDGE_MAX_RETRIES),
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
    base_url: raw.base_url ?? null,
    model: raw.model ?? null,
    api_key_set: Boolean(raw.api_key),
    api_key_hint: hint(raw.api_key),
    timeout_ms: raw.timeout_ms ?? null,
    max_retries: raw.max_retries ?? null,
  };
}

/** Saves the judge endpoint (admins). Omitting `api_key` keeps the stored one; null removes it. */
export async function updateJudgeSettings(actor: Actor, body: TUpdateJudgeSettingsBody): Promise<JudgeSettingsDto> {
  requireRole(actor, "ADMIN");
  await assertFetchableUrl(body.base_url, "body.base_url", actor);
  await db().$transaction(async (tx) => {
    const set = (key: string, value: string) =>
      tx.appSetting.upsert({ where: { key }, update: { value }, create: { key, value } });
    await set(KEYS.baseUrl, body.base_url);
    await set(KEYS.model, body.model);
    if (body.timeout_ms !== undefined) await set(KEYS.timeoutMs, String(body.timeout_ms));
    if (body.max_retries !== undefined) await set(KEYS.maxRetries, String(body.max_retries));
    if (body.api_key === null) await tx.appSetting.deleteMany({ where: { key: KEYS.apiKey } });
    else if (body.api_key !== undefined) await set(KEYS.apiKey, encryptSecret(body.api_key));
    await recordAuditEvent(
      {
        actor,
        action: "judge_settings.changed",
        target: { type: "setting", id: "judge" },
        // Never the key itself: only whether it changed.
        details: {
          base_url: body.base_url,
          model: body.model,
          api_key: body.api_key === null ? "removed" : body.api_key === undefined ? "kept" : "replaced",
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
    base_url: raw.base_url,
    model: raw.model,
    api_key: raw.api_key,
    timeout_ms: raw.timeout_ms,
    max_retries: raw.max_retries,
  });
  return parsed.success ? parsed.data : null;
}
