import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import type { MyReviewSessionDto } from "@/lib/labeling/types";

/** The Review App's start screen: the reviewer's sessions with their progress. */
export function ReviewSessionList({ sessions }: { sessions: MyReviewSessionDto[] }) {
  if (!sessions.length) {
    return (
      <EmptyState title="Nothing to review yet">
        When someone assigns you to a labeling session it appears here. You can also open a session link you were sent.
      </EmptyState>
    );
  }
  return (
    <ul className="flex flex-col gap-2" data-testid="review-sessions">
      {sessions.map((s) => {
        const left = Math.max(0, s.totalItems - s.doneItems);
        const pct = s.totalItems ? Math.round((100 * s.doneItems) / s.totalItems) : 0;
        return (
          <li key={s.id}>
            <Link
              href={s.url}
              className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-indigo-300 hover:shadow-sm"
            >
              <div className="flex items-baseline justify-between gap-3">
                <span className="font-medium text-slate-900">{s.name}</span>
                <span className="text-xs text-slate-500">{s.experimentName}</span>
              </div>
              <div className="mt-2 flex items-center gap-3 text-xs text-slate-600">
                <div className="h-1.5 w-48 overflow-hidden rounded bg-slate-200">
                  <div className="h-full bg-indigo-500" style={{ width: `${pct}%` }} />
                </div>
                {s.compare ? (
                  <span data-testid="review-session-count">
                    You compared {s.completed} · {left} of {s.totalItems} pair{s.totalItems === 1 ? "" : "s"} still need
                    a choice
                  </span>
                ) : (
                  <span data-testid="review-session-count">
                    You labeled {s.completed} · {left} of {s.totalItems} item{s.totalItems === 1 ? "" : "s"} still need
                    labels
                  </span>
                )}
                <span className="ml-auto font-medium text-indigo-700">
                  {s.toDo ? (
                    <>
                      Continue: {s.toDo} to do <ArrowRight aria-hidden className="inline size-3.5 align-[-2px]" />
                    </>
                  ) : s.skipped ? (
                    `${s.skipped} skipped, nothing else to do`
                  ) : (
                    "Done"
                  )}
                </span>
              </div>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
