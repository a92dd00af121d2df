"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo } from "react";
import { explorerSearchString, readExplorerQuery } from "@/lib/traces/explorer-query";
import { TraceNav, traceNavKeyHandler } from "./table/trace-nav";
import { useTraceNeighbors, useTraceStepper } from "./table/use-trace-neighbors";
import { traceSearchOptions } from "./table/use-trace-search";
import { TraceView } from "./trace-view/trace-view";

/**
 * A trace on its own page (shareable link); the selected span is `?span=` in the URL. When the
 * URL also carries the table's list state (filter, sort, page: the drawer's "Open in its own
 * page" adds it), previous/next step through that same list.
 */
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
  const router = useRouter();
  const params = useSearchParams();
  const spanId = params.get("span");
  const query = useMemo(() => readExplorerQuery(params), [params]);
  const listParams = explorerSearchString(query);
  const list = useQuery(traceSearchOptions(experimentId, query));
  const tokens = useMemo(
    () => ({ nextPageToken: list.data?.nextPageToken, prevPageToken: list.data?.prevPageToken }),
    [list.data],
  );
  const neighbors = useTraceNeighbors(experimentId, query, list.data?.traces ?? [], tokens, traceId);
  const { busy: stepping, stepTrace } = useTraceStepper(neighbors, traceId, (to) => {
    const s = explorerSearchString({ ...query, page: to.page, cursor: to.cursor });
    router.push(`/experiments/${experimentId}/traces/${to.traceId}${s ? `?${s}` : ""}`);
  });
  const onKey = traceNavKeyHandler(stepTrace);
  useEffect(() => {
    if (neighbors.position == null) return;
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });
  return (
    <div className="flex h-[calc(100vh-7rem)] flex-col rounded-lg bg-white ring-1 ring-slate-200">
      <div className="flex items-center border-b border-slate-100 px-4 py-1 text-xs">
        <IntentLink
          className="text-indigo-600 hover:underline"
          href={`/experiments/${experimentId}/traces${listParams ? `?${listParams}` : ""}`}
        >
          <ArrowLeft aria-hidden className="inline size-3.5 align-[-2px]" /> All traces
        </IntentLink>
        {neighbors.position != null ? (
          <div className="ml-auto">
            <TraceNav
              hasPrev={neighbors.hasPrev}
              hasNext={neighbors.hasNext}
              position={neighbors.position}
              busy={stepping}
              onStep={stepTrace}
            />
          </div>
        ) : null}
      </div>
      <div className="min-h-0 flex-1">
        <TraceView
          experimentId={experimentId}
          traceId={traceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={(id) => {
            const next = new URLSearchParams(listParams);
            if (id) next.set("span", id);
            const s = next.toString();
            window.history.replaceState(null, "", s ? `${pathname}?${s}` : pathname);
          }}
        />
      </div>
    </div>
  );
}
