/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */

export interface JudgeSettingsDto {
  /** Where the effective settings come from. */
  source: "settings" | "environment" | "none";
  baseUrl: string | null;
  model: string | null;
  apiKeySet: boolean;
  /** Last characters of the key, so admins can tell keys apart. */
  apiKeyHint: string | null;
  timeoutMs: number | null;
  maxRetries: number | null;
}
