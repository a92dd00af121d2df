"use client";

import { PageError } from "@/components/ui/page-states";

export default function ScreenError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      what="monitoring"
      error={error}
      reset={reset}
      back={{ href: "/experiments", label: "All experiments" }}
    />
  );
}
