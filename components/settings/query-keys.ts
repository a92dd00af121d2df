/** Query keys of the settings screen. */
export const settingsKeys = {
  users: (page: number) => ["settings", "users", page] as const,
  allUsers: ["settings", "users"] as const,
  apiKeys: ["settings", "api-keys"] as const,
  judge: ["settings", "judge"] as const,
  allowedHosts: ["settings", "allowed-hosts"] as const,
  modelPrices: ["settings", "model-prices"] as const,
};
