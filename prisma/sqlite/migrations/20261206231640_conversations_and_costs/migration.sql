-- AlterTable
ALTER TABLE "Trace" ADD COLUMN "costUsd" REAL;
ALTER TABLE "Trace" ADD COLUMN "sessionId" TEXT;

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "model" TEXT NOT NULL,
    "inputUsdPerMillion" REAL NOT NULL,
    "outputUsdPerMillion" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TraceModelUsage" (
    "traceId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("traceId", "model"),
    CONSTRAINT "TraceModelUsage_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_model_key" ON "ModelPrice"("model");

-- CreateIndex
CREATE INDEX "TraceModelUsage_model_traceId_idx" ON "TraceModelUsage"("model", "traceId");

-- CreateIndex
CREATE INDEX "Trace_experimentId_sessionId_timestampMs_idx" ON "Trace"("experimentId", "sessionId", "timestampMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_costUsd_idx" ON "Trace"("experimentId", "costUsd");

-- Backfill: the session column mirrors the metadata written so far.
UPDATE "Trace" SET "sessionId" = (
    SELECT m."value" FROM "TraceMetadata" m WHERE m."traceId" = "Trace"."id" AND m."key" = 'mlflow.trace.session'
);

-- Backfill: token usage per trace and model from the stored spans (costs follow when the default
-- prices are seeded at start-up, lib/costs).
INSERT INTO "TraceModelUsage" ("traceId", "model", "inputTokens", "outputTokens")
SELECT "traceId", lower("model"), COALESCE(SUM("inputTokens"), 0), COALESCE(SUM("outputTokens"), 0)
FROM "Span"
WHERE "model" IS NOT NULL AND ("inputTokens" IS NOT NULL OR "outputTokens" IS NOT NULL)
GROUP BY "traceId", lower("model");
