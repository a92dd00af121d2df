/**
 * Query keys of the evaluation feature. Reads are keyed by their API path under `["evaluation"]`, so a
 * write invalidates everything evaluation shows (runs, datasets, records) with one call.
 */
export const evaluationKeys = {
  all: ["evaluation"] as const,
  get: (url: string) => ["evaluation", url] as const,
};
