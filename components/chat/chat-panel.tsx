"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, Bot, CheckCircle2, MessageSquarePlus, Send, User } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { TurnFeedback } from "@/components/chat/turn-feedback";
import { sendChatMessage } from "@/components/chat/chat-stream";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ChatDto } from "@/lib/chat/schemas";

const draftKey = (sessionId: string) => `tracelight.chat-draft.${sessionId}`;

/** The draft lives in localStorage so a reload, a crash or a down agent never loses what was typed. */
function useDraft(sessionId: string) {
  // The box is only rendered once the chat has loaded in the browser, so reading storage here
  // cannot make the server's HTML differ from the first client render.
  const [draft, setDraftState] = useState(() =>
    typeof window === "undefined" ? "" : (window.localStorage.getItem(draftKey(sessionId)) ?? ""),
  );
  const setDraft = (text: string) => {
    setDraftState(text);
    if (text) window.localStorage.setItem(draftKey(sessionId), text);
    else window.localStorage.removeItem(draftKey(sessionId));
  };
  return [draft, setDraft] as const;
}

/**
 * The Review App's chat with a session's agent: the answer streams in, every turn is recorded as
 * a trace, and each answer can be rated (thumbs, comment, the session's questions). Opening the
 * page resumes the expert's latest chat.
 */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  const client = useQueryClient();
  // undefined: the latest chat; null: a new chat not sent yet.
  const [chatId, setChatId] = useState<string | null | undefined>(undefined);
  const key = ["chat", sessionId, chatId ?? "latest"] as const;
  const chat = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api.get<ChatDto>(`/api/labeling/sessions/${sessionId}/chat${chatId ? `?chatId=${chatId}` : ""}`, signal),
    enabled: chatId !== null,
  });
  const [draft, setDraft] = useDraft(sessionId);
  const [pending, setPending] = useState<{ message: string; answer: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const finish = useMutation({
    mutationFn: (id: string) => api.post<ChatDto>(`/api/labeling/sessions/${sessionId}/chat/finish`, { chatId: id }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["chat", sessionId] }),
  });

  const data = chat.data;
  const turns = chatId === null ? [] : (data?.chat?.turns ?? []);
  const currentChatId = chatId === null ? null : (data?.chat?.id ?? null);

  useEffect(() => {
    bottom.current?.scrollIntoView?.({ block: "end" });
  }, [turns.length, pending?.answer]);

  const send = async () => {
    const message = draft.trim();
    if (!message || pending) return;
    setFailure(null);
    setPending({ message, answer: "" });
    let sentChat = currentChatId;
    await sendChatMessage(sessionId, { chatId: currentChatId, message }, (e) => {
      if (e.type === "start") sentChat = e.chatId;
      else if (e.type === "delta") setPending((p) => (p ? { ...p, answer: p.answer + e.text } : p));
      else if (e.type === "done") setDraft("");
      else if (e.type === "error") setFailure(e.message);
    });
    setPending(null);
    if (sentChat) {
      setChatId(sentChat);
      await client.invalidateQueries({ queryKey: ["chat", sessionId] });
    }
  };

  if (chat.error) {
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(chat.error)}
      </p>
    );
  }
  if (chatId !== null && !data) {
    return (
      <p role="status" className="text-sm text-slate-500">
        Loading the chat…
      </p>
    );
  }
  const agent = data?.agent ?? null;
  const schemas = data?.schemas ?? [];
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/review/${sessionId}`} className="text-sm text-indigo-700 underline">
          <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> Back to the review queue
        </Link>
        <h1 className="text-lg font-semibold text-slate-900">Chat: {data?.sessionName}</h1>
        {agent ? (
          <span className="text-sm text-slate-600">
            with <span className="font-medium">{agent.name}</span>
          </span>
        ) : null}
        {currentChatId && turns.length ? (
          data?.chat?.finished ? (
            <span role="status" data-testid="chat-finished" className="ml-auto text-sm text-emerald-700">
              <CheckCircle2 aria-hidden className="inline size-4 align-[-3px]" /> Chat finished
            </span>
          ) : (
            <Button
              variant="secondary"
              className="ml-auto"
              disabled={Boolean(pending) || finish.isPending}
              onClick={() => finish.mutate(currentChatId)}
            >
              <CheckCircle2 aria-hidden className="size-4" /> Finish chat
            </Button>
          )
        ) : null}
        {finish.error ? (
          <span role="alert" className="text-sm text-red-600">
            {errorMessage(finish.error)}
          </span>
        ) : null}
        <Button
          variant="secondary"
          className={currentChatId && turns.length ? "" : "ml-auto"}
          disabled={Boolean(pending) || turns.length === 0}
          onClick={() => {
            setFailure(null);
            setChatId(null);
          }}
        >
          <MessageSquarePlus aria-hidden className="size-4" /> New chat
        </Button>
      </div>
      {!agent && chatId !== null ? (
        <EmptyState title="No agent for this session">
          This labeling session has no agent to chat with. A developer can choose one on the session&apos;s page.
        </EmptyState>
      ) : (
        <>
          <ol className="flex flex-col gap-4" data-testid="chat-turns" aria-live="polite">
            {turns.map((t) => (
              <li key={t.id} data-testid="chat-turn" data-status={t.status} className="flex flex-col gap-2">
                <Bubble who="you" text={t.message} />
                {t.status === "OK" ? (
                  <>
                    <Bubble who="agent" text={t.answer ?? ""} />
                    <TurnFeedback sessionId={sessionId} turn={t} schemas={schemas} position={t.position + 1} />
                  </>
                ) : (
                  <p className="ml-8 flex items-start gap-2 rounded-md bg-red-50 p-2 text-sm text-red-800">
                    <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
                    No answer: {t.error}
                  </p>
                )}
              </li>
            ))}
            {pending ? (
              <li className="flex flex-col gap-2" data-testid="chat-pending">
                <Bubble who="you" text={pending.message} />
                <Bubble who="agent" text={pending.answer || "…"} streaming />
              </li>
            ) : null}
          </ol>
          {!turns.length && !pending ? (
            <p className="text-sm text-slate-600">
              Ask the agent what your users would ask. Rate each answer; your ratings become labels in this session.
            </p>
          ) : null}
          {failure ? (
            <div role="alert" data-testid="chat-error" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
              <AlertTriangle aria-hidden className="mr-1 inline size-4 align-[-3px]" />
              The agent did not answer: {failure} Your message is still in the box; send it again when the agent is
              back.
            </div>
          ) : null}
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
          >
            <label className="flex-1">
              <span className="sr-only">Message to the agent</span>
              <textarea
                aria-label="Message to the agent"
                rows={3}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void send();
                  }
                }}
                placeholder="Write a message (Ctrl+Enter sends)"
                className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
              />
            </label>
            <Button type="submit" disabled={!draft.trim() || Boolean(pending)}>
              <Send aria-hidden className="size-4" /> Send
            </Button>
          </form>
          <div ref={bottom} />
        </>
      )}
    </div>
  );
}

function Bubble({ who, text, streaming }: { who: "you" | "agent"; text: string; streaming?: boolean }) {
  const mine = who === "you";
  return (
    <div className={`flex items-start gap-2 ${mine ? "" : "ml-8"}`}>
      {mine ? (
        <User aria-label="You" className="mt-1 size-4 text-slate-500" />
      ) : (
        <Bot aria-label="Agent" className="mt-1 size-4 text-indigo-600" />
      )}
      <div
        data-testid={mine ? "chat-message" : "chat-answer"}
        aria-busy={streaming || undefined}
        className={`whitespace-pre-wrap rounded-lg px-3 py-2 text-sm ${mine ? "bg-slate-100 text-slate-900" : "bg-indigo-50 text-slate-900"}`}
      >
        {text}
      </div>
    </div>
  );
}
