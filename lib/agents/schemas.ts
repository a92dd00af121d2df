import { z } from "zod";

/**
 * Agents: an experiment's OpenAI-compatible chat endpoint that experts talk to in the Review App
 * (issue 13). The key is write-only: DTOs carry whether one is set and its last 4 characters.
 */
const ZName = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "may use letters, digits, spaces, '.', '_' and '-'");

export const ZCreateAgentBody = z.object({
  name: ZName,
  /** e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  model: z.string({ error: "must be text" }).trim().min(1, "must not be empty").max(200),
  apiKey: z.string().min(1, "must not be empty").max(1000).optional(),
  systemPrompt: z.string().max(20_000, "must be at most 20000 characters").optional(),
  timeoutMs: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1000, "must be at least 1000")
    .max(600_000, "must be at most 600000")
    .optional(),
});
export type TCreateAgentBody = z.infer<typeof ZCreateAgentBody>;

/** `apiKey`: omitted keeps the stored key, null removes it. */
export const ZUpdateAgentBody = z
  .strictObject({
    name: ZName.optional(),
    baseUrl: ZCreateAgentBody.shape.baseUrl.optional(),
    model: ZCreateAgentBody.shape.model.optional(),
    apiKey: z.string().min(1, "must not be empty").max(1000).nullable().optional(),
    systemPrompt: z.string().max(20_000).nullable().optional(),
    timeoutMs: ZCreateAgentBody.shape.timeoutMs,
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "must change at least one field" });
export type TUpdateAgentBody = z.infer<typeof ZUpdateAgentBody>;

/** PUT /api/labeling/sessions/<id>/agent: the agent the session's reviewers chat with (null: none). */
export const ZSetSessionAgentBody = z.object({
  agentId: z.string({ error: "must be an agent id or null" }).min(1).nullable(),
});
export type TSetSessionAgentBody = z.infer<typeof ZSetSessionAgentBody>;

export interface AgentDto {
  id: string;
  experimentId: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKeySet: boolean;
  apiKeyHint: string | null;
  systemPrompt: string | null;
  timeoutMs: number;
  createdAt: number;
  updatedAt: number;
}

/** What a reviewer may know of a session's agent (no endpoint details). */
export interface SessionAgentDto {
  agentId: string;
  name: string;
  model: string;
}
