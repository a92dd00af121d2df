"use client";

import { DropdownMenu as M } from "radix-ui";
import type { ComponentProps } from "react";
import { cx } from "./cx";

/** A menu of actions: arrow keys move, Enter picks, Escape closes and returns focus to the trigger. */
export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;

export function DropdownMenuContent({
  className,
  align = "end",
  sideOffset = 4,
  ...props
}: ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        align={align}
        sideOffset={sideOffset}
        {...props}
        className={cx("z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg", className)}
      />
    </M.Portal>
  );
}

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof M.Item>) {
  return (
    <M.Item
      {...props}
      className={cx(
        "flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 text-slate-800 outline-none data-[disabled]:text-slate-400 data-[highlighted]:bg-slate-100",
        className,
      )}
    />
  );
}

export const DropdownMenuSeparator = (props: ComponentProps<typeof M.Separator>) => (
  <M.Separator {...props} className="my-1 h-px bg-slate-200" />
);
