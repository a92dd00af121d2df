import { ThumbsDown, ThumbsUp } from "lucide-react";
import type { FeedbackCountDto } from "@/lib/conversations/schemas";

/** End-user feedback of a conversation: thumbs for yes/no values, `name: value ×n` for the rest. */
export function FeedbackSummary({ feedback }: { feedback: FeedbackCountDto[] }) {
  if (!feedback.length) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {feedback.map((f) => {
        const label = `${f.name}: ${f.value}`;
        const icon =
          f.value === "true" ? (
            <ThumbsUp aria-hidden className="h-3.5 w-3.5 text-emerald-600" />
          ) : f.value === "false" ? (
            <ThumbsDown aria-hidden className="h-3.5 w-3.5 text-red-600" />
          ) : null;
        return (
          <span
            key={`${f.name}:${f.value}`}
            title={label}
            className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700"
          >
            {icon ?? <span className="max-w-40 truncate">{label}</span>}
            <span className="sr-only">{icon ? label : ""}</span>
            {f.count > 1 || icon ? <span>×{f.count}</span> : null}
          </span>
        );
      })}
    </span>
  );
}
