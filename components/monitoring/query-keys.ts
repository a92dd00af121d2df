/** Query keys of monitoring: reads keyed by API path under ["monitoring"], so one invalidation refreshes all. */
export const monitoringKeys = {
  all: ["monitoring"] as const,
  get: (url: string) => ["monitoring", url] as const,
};
