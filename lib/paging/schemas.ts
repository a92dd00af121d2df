/**
 * The app API's paging contracts (client-safe), defined once and used by every list route.
 *
 * - Numbered pages (`?page=&pageSize=`, answers carry `total`): tables a person pages through
 *   with a pager (evaluation datasets, runs, rows, comparisons; users).
 * - Page tokens (`?pageToken=&maxResults=`, answers carry `nextPageToken` while there is
 *   more): lists read front to back or "load more" (labeling schemas, sessions, items, results,
 *   a reviewer's sessions). The token is opaque, MLflow's own shape (see page-token.ts), so the
 *   MLflow routes page the same way. Long lists read deep (the traces table, the Sessions list)
 *   issue keyset tokens instead (`{"after": [...]}`, page-token.ts), and still read offset ones.
 */
import { z } from "zod";

export const ZPageQuery = z.object({
  page: z.coerce.number({ error: "must be a number" }).int().min(1).default(1),
  pageSize: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(50),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

/** Prisma's skip/take for a numbered page. */
export function pageWindow(q: TPageQuery): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}

export const ZPageTokenQuery = z.object({
  pageToken: z.string().max(200).optional(),
  maxResults: z.coerce.number({ error: "must be a number" }).int().min(1).max(500).optional(),
});
export type TPageTokenQuery = z.infer<typeof ZPageTokenQuery>;
