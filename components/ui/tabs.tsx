"use client";

import { Tabs as T } from "radix-ui";
import type { ComponentProps } from "react";
import { cx } from "./cx";

/** Tabs with real tab panels: arrow keys move between tabs, Home/End jump, the panel is labelled by its tab. */
export const Tabs = T.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof T.List>) {
  return <T.List {...props} className={cx("flex gap-1", className)} />;
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof T.Trigger>) {
  return (
    <T.Trigger
      {...props}
      className={cx(
        "rounded px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 data-[state=active]:bg-slate-800 data-[state=active]:text-white",
        className,
      )}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof T.Content>) {
  return <T.Content {...props} className={cx("focus:outline-none", className)} />;
}
