"use client";

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

/** The `?` overlay listing the review keys. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
      onClick={onClose}
    >
      <div className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-3 text-base font-semibold">Keyboard shortcuts</h2>
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
      </div>
    </div>
  );
}
