import "server-only";
/** MLflow 3.14–3.17 review-queue RPCs (mlflow-api.md §4.4, review_queues.proto) over labeling sessions. */
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import {
  createReviewQueue,
  deleteReviewQueue,
  getOrCreateUserQueue,
  getReviewQueue,
  getReviewQueueByName,
  listReviewQueues,
  updateReviewQueue,
  type ReviewQueueDto,
} from "@/lib/labeling/review-queues/service";
import {
  addReviewQueueItems,
  listReviewQueueItems,
  removeReviewQueueItems,
  setReviewQueueItemStatus,
} from "@/lib/labeling/review-queues/items";
import { ZStrList, defineRoute, type MlflowRoute } from "../router";
import {
  ZProtoEnum,
  fromQueueWireId,
  fromSchemaWireId,
  reviewQueueItemToWire,
  reviewQueueToWire,
} from "../labeling-wire";
import { ZMaxResults, ZRequired } from "./label-schemas";

const V3 = ["3.0"] as const;
const ZQueueType = ZProtoEnum("REVIEW_QUEUE_TYPE_UNSPECIFIED", ["USER", "CUSTOM"]);
const ZItemType = ZProtoEnum("REVIEW_ITEM_TYPE_UNSPECIFIED", ["TRACE"]);
const ZStatus = ZProtoEnum("REVIEW_STATUS_UNSPECIFIED", ["PENDING", "COMPLETE", "DECLINED"]);
/** ListReviewQueueItems treats an absent status and REVIEW_STATUS_UNSPECIFIED alike: no filter. */
const ZStatusFilter = z
  .union([z.literal("REVIEW_STATUS_UNSPECIFIED"), z.literal(0)])
  .transform(() => undefined)
  .or(ZStatus)
  .optional();
const ZIds = ZStrList.default([]);
const ZFlag = z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true");
const queueId = ZRequired.transform(fromQueueWireId);

const one = async (p: Promise<ReviewQueueDto>) => ({ review_queue: reviewQueueToWire(await p) });

export const reviewQueueRoutes: MlflowRoute[] = [
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/create",
    role: "DEVELOPER",
    input: z.object({
      experiment_id: ZRequired,
      name: ZRequired,
      queue_type: ZQueueType,
      created_by: z.string().optional(),
      users: ZIds,
      schema_ids: ZIds,
    }),
    handler: ({ actor, input }) =>
      one(createReviewQueue(actor, { ...input, schema_ids: input.schema_ids.map(fromSchemaWireId) })),
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/get-or-create-user",
    role: "REVIEWER",
    input: z.object({ experiment_id: ZRequired, user: ZRequired, created_by: z.string().optional() }),
    handler: ({ actor, input }) => one(getOrCreateUserQueue(actor, input.experiment_id, input.user)),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "review-queues/get",
    role: "REVIEWER",
    input: z.object({ queue_id: queueId }),
    handler: ({ actor, input }) => one(getReviewQueue(actor, input.queue_id)),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "review-queues/get-by-name",
    role: "REVIEWER",
    input: z.object({ experiment_id: ZRequired, name: ZRequired }),
    handler: ({ actor, input }) => one(getReviewQueueByName(actor, input.experiment_id, input.name)),
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "review-queues/list",
    role: "REVIEWER",
    input: z.object({
      experiment_id: ZRequired,
      user: z.string().optional(),
      item_id: z.string().optional(),
      max_results: ZMaxResults.optional(),
      page_token: z.string().optional(),
    }),
    handler: async ({ actor, input }) => {
      const page = await listReviewQueues(actor, input);
      return {
        review_queues: page.queues.map(reviewQueueToWire),
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  }),
  // Each association set changes only when its update_* flag is true (a repeated field can't say "absent").
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/update",
    role: "DEVELOPER",
    input: z.object({
      queue_id: queueId,
      update_users: ZFlag.optional(),
      users: ZIds,
      update_schema_ids: ZFlag.optional(),
      schema_ids: ZIds,
      name: z.string().min(1, "must not be empty").optional(),
      new_owner: z.unknown().optional(),
    }),
    handler: ({ actor, input }) => {
      if (input.new_owner !== undefined)
        throw new ValidationError("Invalid new_owner: changing a queue's owner is not supported");
      return one(
        updateReviewQueue(actor, input.queue_id, {
          ...(input.update_users ? { users: input.users } : {}),
          ...(input.update_schema_ids ? { schema_ids: input.schema_ids.map(fromSchemaWireId) } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
        }),
      );
    },
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/delete",
    role: "DEVELOPER",
    input: z.object({ queue_id: queueId }),
    handler: async ({ actor, input }) => {
      await deleteReviewQueue(actor, input.queue_id);
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/items/add",
    role: "DEVELOPER",
    input: z.object({ queue_id: queueId, item_type: ZItemType, item_ids: ZIds }),
    handler: async ({ actor, input }) => ({
      items: (await addReviewQueueItems(actor, input.queue_id, input.item_ids)).map(reviewQueueItemToWire),
    }),
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/items/remove",
    role: "DEVELOPER",
    input: z.object({ queue_id: queueId, item_ids: ZIds }),
    handler: async ({ actor, input }) => {
      await removeReviewQueueItems(actor, input.queue_id, input.item_ids);
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    versions: V3,
    path: "review-queues/items/list",
    role: "REVIEWER",
    input: z.object({
      queue_id: queueId,
      status: ZStatusFilter,
      max_results: ZMaxResults.optional(),
      page_token: z.string().optional(),
    }),
    handler: async ({ actor, input }) => {
      const page = await listReviewQueueItems(actor, input.queue_id, input);
      return {
        items: page.items.map(reviewQueueItemToWire),
        ...(page.next_page_token ? { next_page_token: page.next_page_token } : {}),
      };
    },
  }),
  defineRoute({
    method: "POST",
    versions: V3,
    path: "review-queues/items/set-status",
    role: "REVIEWER",
    input: z.object({ queue_id: queueId, item_id: ZRequired, status: ZStatus, completed_by: z.string().optional() }),
    handler: async ({ actor, input }) => ({
      item: reviewQueueItemToWire(
        await setReviewQueueItemStatus(
          actor,
          input.queue_id,
          input.item_id,
          input.status,
          input.completed_by || undefined,
        ),
      ),
    }),
  }),
];
