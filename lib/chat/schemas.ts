import { z } from "zod";
import { ZSubmitLabelsBody } from "@/lib/labeling/schemas";
import type { LabelSchemaDto } from "@/lib/labeling/types";
import type { SessionAgentDto } from "@/lib/agents/schemas";

/**
 * Chat in the Review App (issue 13): an expert talks to the session's agent; every turn is a
 * trace of the experiment (metadata mlflow.trace.session = the chat id, mlflow.trace.user = the
 * expert) and their ratings are assessments on that trace.
 */

export const MAX_CHAT_MESSAGE_CHARS = 20_000;
/** Turns one chat may hold (the whole history is sent to the agent on every turn). */
export const MAX_CHAT_TURNS = 100;

export const ZChatQuery = z.object({
  /** A chat of the reviewer's; without it their latest chat in the session. */
  chatId: z.string().min(1).max(100).optional(),
});
export type TChatQuery = z.infer<typeof ZChatQuery>;

export const ZSendChatMessageBody = z.object({
  /** The chat to continue; null or omitted starts a new chat. */
  chatId: z.string().min(1).max(100).nullable().optional(),
  message: z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(MAX_CHAT_MESSAGE_CHARS, `must be at most ${MAX_CHAT_MESSAGE_CHARS} characters`),
});
export type TSendChatMessageBody = z.infer<typeof ZSendChatMessageBody>;

/** POST .../chat/finish: the expert is done with this chat (its item counts as labeled by them). */
export const ZFinishChatBody = z.object({
  chatId: z.string({ error: "must be a chat id" }).min(1, "must not be empty").max(100),
});
export type TFinishChatBody = z.infer<typeof ZFinishChatBody>;

/** Feedback on one answer: thumbs, a comment, and answers to the session's label schemas. */
export const ZRateChatTurnBody = z.object({
  thumb: z.enum(["up", "down"], { error: "must be 'up' or 'down'" }).nullable().optional(),
  comment: z.string({ error: "must be text" }).max(5000, "must be at most 5000 characters").optional(),
  answers: ZSubmitLabelsBody.shape.answers.optional(),
});
export type TRateChatTurnBody = z.infer<typeof ZRateChatTurnBody>;

/** The assessment a thumb becomes (a boolean feedback, as MLflow's user feedback). */
export const THUMB_ASSESSMENT = "user_feedback";

export interface ChatTurnDto {
  id: string;
  position: number;
  traceId: string;
  message: string;
  answer: string | null;
  status: "OK" | "ERROR";
  error: string | null;
  thumb: "up" | "down" | null;
  comment: string | null;
  /** This expert's answers to the session's schemas on this turn, as the review form holds them. */
  answers: Record<string, { value: unknown; comment: string | null }>;
}

export interface ChatDto {
  sessionId: string;
  sessionName: string;
  agent: SessionAgentDto | null;
  schemas: LabelSchemaDto[];
  /** `finished`: the expert has finished this chat (until then its item is in progress for them). */
  chat: { id: string; turns: ChatTurnDto[]; finished: boolean } | null;
}

/** The lines of the streamed answer to POST .../chat/messages (newline-delimited JSON). */
export type ChatStreamEvent =
  | { type: "start"; chatId: string; turnId: string; traceId: string }
  | { type: "delta"; text: string }
  | { type: "done"; turn: ChatTurnDto }
  | { type: "error"; message: string; turn: ChatTurnDto | null };
