"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { traceKeys } from "@/components/cache/trace-keys";
import { api } from "@/components/ui/api-client";
import type { SpanDto, TraceInfoDto, TraceTreeDto } from "@/lib/traces/schemas";
import { SpanTreeModel } from "@/lib/traces/span-tree-model";
import { traceTreeUrl } from "@/lib/traces/tree-url";

/** What the trace view holds for a trace: its info and the compact span tree (no span content). */
export interface TraceViewData {
  info: TraceInfoDto;
  tree: SpanTreeModel;
}

/**
 * One trace's info, assessments and compact span tree (assessment mutations update and invalidate
 * this query). Span content loads per span with useSpan: a 50,000-span trace opens with a few MB.
 */
export function useTrace(traceId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: traceKeys.detail(traceId),
    queryFn: async ({ signal }): Promise<TraceViewData> => {
      // Gzip bytes the server compressed once for every reader of this trace version (the tree route);
      // the trace page preloads the same URL while the view's code loads.
      const { info, tree, root } = await api.get<TraceTreeDto>(traceTreeUrl(traceId), signal);
      // A small root span comes with the tree: the view shows it without asking again (useSpan).
      if (root) client.setQueryData(traceKeys.span(traceId, root.spanId), root);
      return { info, tree: new SpanTreeModel(tree) };
    },
  });
}

/** One span with its inputs, outputs, attributes and events; nothing while `spanId` is null. */
export function useSpan(traceId: string, spanId: string | null | undefined) {
  return useQuery({
    queryKey: traceKeys.span(traceId, spanId ?? ""),
    queryFn: ({ signal }) =>
      api.get<SpanDto>(`/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId!)}`, signal),
    enabled: !!spanId,
    // Span content never changes once stored (re-sent spans are rare): keep it while the view is open.
    staleTime: 60_000,
  });
}
