"use client";

import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import { IntentLink } from "@/components/ui/intent-link";
import { ROLE_LABELS, roleAtLeast, type Role } from "@/lib/auth/roles";
import { ExperimentSwitcher } from "./experiment-switcher";
import { experimentIdFromPath, NAV_ITEMS } from "./nav-items";

export interface ShellUser {
  name: string;
  email: string;
  role: Role;
}

/** The frame every signed-in page lives in: experiment switcher, navigation, the user and their role. */
export function AppShell({
  user,
  experiments,
  defaultExperimentId,
  children,
}: {
  user: ShellUser;
  experiments: { id: string; name: string }[];
  defaultExperimentId: string | null;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const currentExperiment = experimentIdFromPath(pathname);
  const experimentForLinks = currentExperiment ?? defaultExperimentId;
  return (
    <div className="flex min-h-full flex-col">
      <header className="bg-slate-900 text-white">
        <div className="flex h-12 items-center gap-6 px-4">
          <IntentLink href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" className="h-6 w-6" />
            Tracelight
          </IntentLink>
          {roleAtLeast(user.role, "DEVELOPER") ? (
            <ExperimentSwitcher experiments={experiments} currentId={currentExperiment} />
          ) : null}
          <nav aria-label="Main" className="flex items-center gap-1">
            {NAV_ITEMS.filter((item) => roleAtLeast(user.role, item.minRole)).map((item) => {
              const href = item.href(experimentForLinks);
              if (!href) return null;
              const active = item.match.test(pathname);
              return (
                <IntentLink
                  key={item.label}
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={`rounded-md px-3 py-1.5 text-sm ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
                >
                  {item.label}
                </IntentLink>
              );
            })}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span data-testid="current-user" className="text-slate-200">
              {user.name}
              <span
                className="ml-2 rounded bg-slate-700 px-1.5 py-0.5 text-xs text-slate-200"
                data-testid="current-role"
              >
                {ROLE_LABELS[user.role]}
              </span>
            </span>
            <button
              type="button"
              onClick={() => signOut({ callbackUrl: "/login" })}
              className="text-slate-400 hover:text-white"
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="flex-1 px-4 py-5">{children}</main>
    </div>
  );
}
