import { Scale } from "lucide-react";
import Link from "next/link";
import type { MyAdjudicationQueueDto } from "@/lib/labeling/adjudication/types";

/** On the Review App's start screen: the sessions whose disagreements this person settles. */
export function MyAdjudicationQueues({ queues }: { queues: MyAdjudicationQueueDto[] }) {
  if (!queues.length) return null;
  return (
    <section aria-labelledby="adjudication-heading" className="mb-6">
      <h2 id="adjudication-heading" className="mb-2 text-sm font-semibold text-slate-800">
        Disagreements for you to settle
      </h2>
      <ul className="flex flex-col gap-2" data-testid="my-adjudication-queues">
        {queues.map((q) => (
          <li key={q.sessionId}>
            <Link
              href={q.url}
              className="flex items-center gap-3 rounded-lg border border-amber-200 bg-amber-50/60 p-3 text-sm hover:border-amber-300"
            >
              <Scale aria-hidden className="size-4 text-amber-700" />
              <span className="font-medium text-slate-900">{q.sessionName}</span>
              <span className="text-xs text-slate-500">{q.experimentName}</span>
              <span className="ml-auto text-xs font-medium text-amber-900">
                {q.open ? `Adjudicate: ${q.open} waiting` : "Nothing waiting"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
