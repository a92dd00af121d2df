"use client";

import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

/** Modal dialog: focus is trapped inside and returned to the trigger on close; Escape and the overlay close it. */
export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

export function DialogContent({
  title,
  description,
  className,
  children,
  ...props
}: ComponentProps<typeof D.Content> & { title: ReactNode; description?: ReactNode }) {
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <D.Content
        {...props}
        aria-describedby={description ? undefined : props["aria-describedby"]}
        className={cx(
          "fixed left-1/2 top-1/2 z-50 max-h-[85vh] w-[min(90vw,40rem)] -translate-x-1/2 -translate-y-1/2 overflow-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none",
          className,
        )}
      >
        <div className="mb-3 flex items-start gap-3">
          <D.Title className="text-base font-semibold text-slate-900">{title}</D.Title>
          <D.Close
            aria-label="Close"
            className="ml-auto rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <X aria-hidden className="h-4 w-4" />
          </D.Close>
        </div>
        {description ? <D.Description className="mb-3 text-sm text-slate-600">{description}</D.Description> : null}
        {children}
      </D.Content>
    </D.Portal>
  );
}
