"use client";

import Link from "next/link";
import { Sheet, SheetContent } from "@/components/ui/sheet";
import { TraceView } from "./trace-view";

interface Props {
  experimentId: string;
  traceId: string;
  spanId: string | null;
  canEdit: boolean;
  onSelectSpan: (spanId: string | null) => void;
  onClose: () => void;
}

/**
 * The trace view over the table, driven by `?trace=` and `?span=` in the URL. A Radix sheet: focus stays
 * inside while it is open and returns to the row that opened it; Escape closes it, except while typing
 * in a form field of the drawer (an assessment being written is not thrown away by a stray Escape).
 */
export function TraceDrawer({ experimentId, traceId, spanId, canEdit, onSelectSpan, onClose }: Props) {
  return (
    <Sheet open onOpenChange={(open) => !open && onClose()}>
      <SheetContent
        title="Trace"
        closeLabel="Close trace"
        onEscapeKeyDown={(e) => {
          const tag = (e.target as HTMLElement | null)?.tagName;
          if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") e.preventDefault();
        }}
        actions={
          <Link
            className="text-xs text-indigo-600 hover:underline"
            href={`/experiments/${experimentId}/traces/${traceId}${spanId ? `?span=${spanId}` : ""}`}
          >
            Open in its own page
          </Link>
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
