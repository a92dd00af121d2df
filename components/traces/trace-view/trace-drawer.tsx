"use client";

import { IntentLink } from "@/components/ui/intent-link";
import type { ReactNode } from "react";
import { Sheet, SheetContent } from "@/components/ui/sheet";
import { traceNavKeyHandler } from "../table/trace-nav";
import { TraceView } from "./trace-view";

interface Props {
  experimentId: string;
  traceId: string;
  spanId: string | null;
  canEdit: boolean;
  onSelectSpan: (spanId: string | null) => void;
  onClose: () => void;
  /** Previous/next trace in the table's list: the buttons, and what j/k/[/] do. */
  navigation?: { controls: ReactNode; onStep: (delta: 1 | -1) => void };
  /** The table's list state, carried to the trace page so it can step through the same list. */
  listParams?: string;
}

/**
 * The trace view over the table, driven by `?trace=` and `?span=` in the URL. A Radix sheet: focus stays
 * inside while it is open and returns to the row that opened it; Escape closes it, except while typing
 * in a form field of the drawer (an assessment being written is not thrown away by a stray Escape).
 */
export function TraceDrawer({
  experimentId,
  traceId,
  spanId,
  canEdit,
  onSelectSpan,
  onClose,
  navigation,
  listParams,
}: Props) {
  const pageParams = new URLSearchParams(listParams);
  if (spanId) pageParams.set("span", spanId);
  const pageQuery = pageParams.toString();
  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        title="Trace"
        closeLabel="Close trace"
        onEscapeKeyDown={(e) => {
          const tag = (e.target as HTMLElement | null)?.tagName;
          if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") e.preventDefault();
        }}
        onKeyDown={navigation ? traceNavKeyHandler(navigation.onStep) : undefined}
        actions={
          <>
            {navigation?.controls}
            <IntentLink
              className="text-xs text-indigo-600 hover:underline"
              href={`/experiments/${experimentId}/traces/${traceId}${pageQuery ? `?${pageQuery}` : ""}`}
            >
              Open in its own page
            </IntentLink>
          </>
        }
      >
        <TraceView
          experimentId={experimentId}
          traceId={traceId}
          spanId={spanId}
          canEdit={canEdit}
          onSelectSpan={onSelectSpan}
        />
      </SheetContent>
    </Sheet>
  );
}
