import { JsonView } from "@/components/traces/content/json-view";

export interface ToolCallCardProps {
  name: string | null;
  id?: string;
  arguments: unknown;
  /** Omit (undefined) when the result is unknown; null is shown as a result. */
  result?: unknown;
  className?: string;
}

/** One tool invocation: name, call id, pretty arguments and (when known) the result. */
export function ToolCallCard({ name, id, arguments: args, result, className }: ToolCallCardProps) {
  return (
    <div className={`rounded-md border border-slate-200 bg-white p-3 ${className ?? ""}`}>
      <div className="mb-2 flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Tool call</span>
        <span className="font-mono text-sm font-semibold text-slate-900">{name || "(unnamed tool)"}</span>
        {id && <span className="font-mono text-xs text-slate-500">{id}</span>}
      </div>
      <div className="text-xs font-medium text-slate-500">Arguments</div>
      <JsonView value={args} collapsedLines={12} className="mt-1" />
      {result !== undefined && (
        <>
          <div className="mt-2 text-xs font-medium text-slate-500">Result</div>
          <JsonView value={result} collapsedLines={12} className="mt-1" />
        </>
      )}
    </div>
  );
}
