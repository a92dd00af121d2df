import { MarkdownText } from "@/components/traces/content/markdown-text";
import { extractTraceSummary } from "@/lib/traces/render/summary";
import type { SpanDto } from "@/lib/traces/schemas";

/** The whole trace as a reviewer reads it: the user's request and the final response. */
export function TraceSummary({ root }: { root: SpanDto | undefined }) {
  const summary = root ? extractTraceSummary(root.inputs, root.outputs) : { question: null, answer: null };
  return (
    <div className="space-y-4 p-4" data-testid="trace-summary">
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Request</h3>
        <div className="rounded-md bg-slate-50 p-3">
          {summary.question ? (
            <MarkdownText>{summary.question}</MarkdownText>
          ) : (
            <p className="text-sm italic text-slate-500">No readable request; see the root span&apos;s inputs.</p>
          )}
        </div>
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Response</h3>
        <div className="rounded-md bg-indigo-50/50 p-3">
          {summary.answer ? (
            <MarkdownText>{summary.answer}</MarkdownText>
          ) : (
            <p className="text-sm italic text-slate-500">No readable response; see the root span&apos;s outputs.</p>
          )}
        </div>
      </section>
    </div>
  );
}
