/** Response types of the reviewer's own queue (client-safe). */
import type { MY_ITEM_STATUSES } from "./schemas";

/** My status on an item: see lib/labeling/review/my-items.ts for the exact rules. */
export type MyItemStatus = (typeof MY_ITEM_STATUSES)[number];

export type MyItemCountsDto = Record<MyItemStatus, number> & { total: number };

export interface MyItemDto {
  itemId: string;
  traceId: string;
  position: number;
  status: MyItemStatus;
  requestPreview: string | null;
}

export interface MyItemsDto {
  items: MyItemDto[];
  counts: MyItemCountsDto;
  nextPageToken?: string;
}
