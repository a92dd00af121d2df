"use client";

import { Popover as P } from "radix-ui";
import type { ComponentProps } from "react";
import { cx } from "./cx";

/** A non-modal panel anchored to its trigger; Escape, an outside click and the trigger dismiss it. */
export const Popover = P.Root;
export const PopoverTrigger = P.Trigger;
export const PopoverClose = P.Close;

export function PopoverContent({
  className,
  align = "end",
  sideOffset = 6,
  ...props
}: ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        align={align}
        sideOffset={sideOffset}
        {...props}
        className={cx(
          "z-50 rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg focus:outline-none",
          className,
        )}
      />
    </P.Portal>
  );
}
