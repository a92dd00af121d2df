import "server-only";
import { forbidden, notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requirePageActor } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/**
 * Wraps a page component so the services' typed errors become real error pages instead of a
 * generic 500: NotFoundError → `notFound()` (HTTP 404, app/**\/not-found.tsx), ForbiddenError
 * (including a role below the page's, from requirePageActor) → `forbidden()` (HTTP 403,
 * forbidden.tsx; needs `experimental.authInterrupts`). Everything else, Next's own redirect
 * and not-found signals included, passes through. API routes keep their JSON errors
 * (lib/http/route.ts); this is for pages only.
 */
export function page<P>(render: (props: P) => Promise<ReactNode>): (props: P) => Promise<ReactNode> {
  return async (props: P) => {
    try {
      return await render(props);
    } catch (e) {
      if (e instanceof NotFoundError) notFound();
      if (e instanceof ForbiddenError) forbidden();
      throw e;
    }
  };
}

/**
 * A guard layout for a screen that needs only a role (an experiment's screens use
 * `experimentGuard`): it runs outside the screen's loading.tsx boundary, so a role below `role`
 * still answers a real 403 (a streamed page can no longer change its status).
 */
export function roleGuard(role: Role, path: string) {
  return page(async ({ children }: { children: ReactNode }) => {
    await requirePageActor(role, path);
    return children;
  });
}
