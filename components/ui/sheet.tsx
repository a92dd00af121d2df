"use client";

import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

/** A dialog that slides in from the right edge (the trace drawer): same focus trap, focus return and Escape. */
export const Sheet = D.Root;
export const SheetTrigger = D.Trigger;
export const SheetClose = D.Close;

export function SheetContent({
  title,
  actions,
  closeLabel = "Close",
  className,
  children,
  ...props
}: ComponentProps<typeof D.Content> & { title: ReactNode; actions?: ReactNode; closeLabel?: string }) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
      <D.Content
        aria-describedby={undefined}
        {...props}
        className={cx(
          "fixed inset-y-0 right-0 z-50 flex w-[92vw] max-w-[1600px] flex-col bg-white shadow-2xl focus:outline-none",
          className,
        )}
      >
        <div className="flex items-center gap-3 border-b border-slate-100 px-4 py-1">
          <D.Title className="truncate text-xs font-medium uppercase tracking-wide text-slate-500">{title}</D.Title>
          <div className="ml-auto flex items-center gap-2">
            {actions}
            <D.Close
              aria-label={closeLabel}
              className="inline-flex items-center gap-1 rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            >
              <X aria-hidden className="h-4 w-4" /> Close
            </D.Close>
          </div>
        </div>
        <div className="min-h-0 flex-1">{children}</div>
      </D.Content>
    </D.Portal>
  );
}
