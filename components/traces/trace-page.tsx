"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { TraceView } from "./trace-view/trace-view";

/** A trace on its own page (shareable link); the selected span is `?span=` in the URL. */
export function TracePage({
  experimentId,
  traceId,
  canEdit,
}: {
  experimentId: string;
  traceId: string;
  canEdit: boolean;
}) {
  const pathname = usePathname();
  const spanId = useSearchParams().get("span");
  return (
    <div className="flex h-[calc(100vh-7rem)] flex-col rounded-lg bg-white ring-1 ring-slate-200">
      <div className="border-b border-slate-100 px-4 py-1 text-xs">
        <Link className="text-indigo-600 hover:underline" href={`/experiments/${experimentId}/traces`}>
          <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> All traces
        </Link>
      </div>
      <div className="min-h-0 flex-1">
        <TraceView
          experimentId={experimentId}
          traceId={traceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={(id) => window.history.replaceState(null, "", id ? `${pathname}?span=${id}` : pathname)}
        />
      </div>
    </div>
  );
}
