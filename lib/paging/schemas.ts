/**
 * The app API's paging contracts (client-safe), defined once and used by every list route.
 *
 * - Numbered pages (`?page=&page_size=`, answers carry `total`): tables a person pages through
 *   with a pager (evaluation datasets, runs, rows, comparisons; users).
 * - Page tokens (`?page_token=&max_results=`, answers carry `next_page_token` while there is
 *   more): lists read front to back or "load more" (labeling schemas, sessions, items, results,
 *   a reviewer's sessions). The token is opaque, MLflow's own shape (see page-token.ts), so the
 *   MLflow routes page the same way.
 */
import { z } from "zod";

export const ZPageQuery = z.object({
  page: z.coerce.number({ error: "must be a number" }).int().min(1).default(1),
  page_size: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(50),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

/** Prisma's skip/take for a numbered page. */
export function pageWindow(q: TPageQuery): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.page_size, take: q.page_size };
}

export const ZPageTokenQuery = z.object({
  page_token: z.string().max(200).optional(),
  max_results: z.coerce.number({ error: "must be a number" }).int().min(1).max(500).optional(),
});
export type TPageTokenQuery = z.infer<typeof ZPageTokenQuery>;
