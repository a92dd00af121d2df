import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/ui/query-provider";
import "./globals.css";

// Every page renders per request, so Next.js can put proxy.ts's CSP nonce on its scripts
// (a page prerendered at build time would have none, and its scripts would be blocked).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tracelight", template: "%s · Tracelight" },
  description: "Review traces, collect feedback and evaluate GenAI applications.",
};

/** Every page (signed-in app, login, invitation) shares one query client and the toaster. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
