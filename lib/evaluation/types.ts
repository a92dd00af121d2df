/** Response types of the feature's API (client-safe: the services return them, the browser reads them). */

export interface JudgeSettingsDto {
  /** Where the effective settings come from. */
  source: "settings" | "environment" | "none";
  base_url: string | null;
  model: string | null;
  api_key_set: boolean;
  /** Last characters of the key, so admins can tell keys apart. */
  api_key_hint: string | null;
  timeout_ms: number | null;
  max_retries: number | null;
}
