"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleStop } from "lucide-react";
import { api, errorMessage } from "@/components/ui/api-client";
import { Button } from "@/components/ui/button";
import type { EvaluationRunDto } from "@/lib/evaluation/runs/types";
import { evaluationKeys } from "./query-keys";

/** Stops a pending or running run (POST .../cancel); rows already scored keep their results. */
export function CancelRunButton({ runId }: { runId: string }) {
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.post<EvaluationRunDto>(`/api/evaluation/runs/${runId}/cancel`, {}),
    onSettled: () => void client.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
  return (
    <div className="mt-2 flex items-center gap-2">
      <Button variant="secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
        <CircleStop className="h-4 w-4" aria-hidden /> {cancel.isPending ? "Cancelling…" : "Cancel run"}
      </Button>
      {cancel.error ? <span className="text-sm text-red-600">{errorMessage(cancel.error)}</span> : null}
    </div>
  );
}
