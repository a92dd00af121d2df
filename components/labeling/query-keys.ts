/** Query keys of the labeling feature: schemas and sessions per experiment, a session's detail under its id. */
export const labelingKeys = {
  schemas: (experimentId: string) => ["labeling", "schemas", experimentId] as const,
  sessions: (experimentId: string) => ["labeling", "sessions", experimentId] as const,
  sessionList: (experimentId: string, pageToken: string | null) =>
    ["labeling", "sessions", experimentId, pageToken] as const,
  session: (sessionId: string) => ["labeling", "session", sessionId] as const,
  userSearch: (q: string) => ["labeling", "users", q] as const,
};
