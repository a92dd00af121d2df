"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ThumbsDown, ThumbsUp } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { LabelQuestion } from "@/components/review/label-question";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import { applyServerErrors } from "@/components/ui/form";
import { FormError } from "@/components/ui/form-error";
import type { ChatTurnDto } from "@/lib/chat/schemas";
import { formStateFrom, toAnswers, ZReviewForm, type TFormState } from "@/lib/labeling/form-values";
import type { LabelSchemaDto } from "@/lib/labeling/types";

/**
 * Feedback on one answer: thumbs up/down save at once; the comment and the session's questions
 * are saved with "Save feedback". All of it becomes assessments on the turn's trace.
 */
export function TurnFeedback({
  sessionId,
  turn,
  schemas,
  position,
}: {
  sessionId: string;
  turn: ChatTurnDto;
  schemas: LabelSchemaDto[];
  position: number;
}) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [thumb, setThumb] = useState(turn.thumb);
  const [comment, setComment] = useState(turn.comment ?? "");
  const [active, setActive] = useState(0);
  const form = useForm<TFormState>({
    resolver: zodResolver(ZReviewForm(schemas)),
    defaultValues: formStateFrom(schemas, turn.answers),
  });
  const url = `/api/labeling/sessions/${sessionId}/chat/turns/${turn.id}`;
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.put<ChatTurnDto>(url, body),
    onSuccess: (saved) => {
      setThumb(saved.thumb);
      return client.invalidateQueries({ queryKey: ["chat", sessionId] });
    },
  });
  const rate = (t: "up" | "down") => {
    setThumb(t);
    save.mutate({ thumb: t });
    if (t === "down") setOpen(true);
  };
  const onSubmit = form.handleSubmit(async (state) => {
    try {
      await save.mutateAsync({
        ...(thumb ? { thumb } : {}),
        ...(thumb ? { comment } : {}),
        answers: toAnswers(schemas, state),
      });
    } catch (err) {
      applyServerErrors(err, form.setError, Object.fromEntries(schemas.map((s) => [`answers.${s.name}`, s.name])));
    }
  });
  return (
    <div data-testid="turn-feedback" className="ml-8 rounded-md border border-slate-200 bg-white p-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-slate-600">Answer {position}:</span>
        <Button
          variant={thumb === "up" ? "primary" : "secondary"}
          aria-pressed={thumb === "up"}
          aria-label={`Thumbs up for answer ${position}`}
          onClick={() => rate("up")}
        >
          <ThumbsUp aria-hidden className="size-4" />
        </Button>
        <Button
          variant={thumb === "down" ? "danger" : "secondary"}
          aria-pressed={thumb === "down"}
          aria-label={`Thumbs down for answer ${position}`}
          onClick={() => rate("down")}
        >
          <ThumbsDown aria-hidden className="size-4" />
        </Button>
        <Button variant="ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? "Hide details" : "Comment and questions"}
        </Button>
        {save.isSuccess && !save.isPending ? (
          <span role="status" className="text-xs text-emerald-700">
            Saved
          </span>
        ) : null}
        {save.error && !open ? (
          <span role="alert" className="text-xs text-red-600">
            {errorMessage(save.error)}
          </span>
        ) : null}
      </div>
      {open ? (
        <form onSubmit={onSubmit} noValidate className="mt-2 flex flex-col gap-2">
          <label className="block">
            <span className="mb-1 block text-xs font-medium text-slate-700">Comment on answer {position}</span>
            <textarea
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={thumb ? "What was good or wrong?" : "Choose thumbs up or down first"}
              disabled={!thumb}
              className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm disabled:bg-slate-50"
            />
          </label>
          {schemas.map((s, i) => (
            <LabelQuestion
              key={s.name}
              schema={s}
              index={i}
              control={form.control}
              active={active === i}
              onFocus={() => setActive(i)}
            />
          ))}
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={save.isPending}>
              Save feedback
            </Button>
            <FormError errors={form.formState.errors} />
            {save.error ? (
              <span role="alert" className="text-xs text-red-600">
                {errorMessage(save.error)}
              </span>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
