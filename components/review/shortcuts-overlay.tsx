"use client";

import { Dialog, DialogContent } from "@/components/ui/dialog";

export const REVIEW_SHORTCUTS: [string, string][] = [
  ["1 – 9", "Pick an option of the highlighted question"],
  ["Tab / Shift+Tab", "Move between fields"],
  ["Enter (outside a text box) or Ctrl+Enter", "Submit and go to the next item"],
  ["J or →", "Next item (skips this one if not submitted)"],
  ["K or ←", "Back to the previous item"],
  ["S", "Skip this item"],
  ["T", "Open the span tree"],
  ["?", "Show or hide these shortcuts"],
  ["Esc", "Close a dialog, or leave a text box"],
];

/** The `?` dialog listing the review keys (focus is kept inside and returned on close). */
export function ShortcutsOverlay({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Keyboard shortcuts" className="!w-[min(90vw,28rem)]">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {REVIEW_SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-xs">{keys}</kbd>
              </dt>
              <dd className="text-slate-700">{what}</dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
