-- DropIndex
DROP INDEX "Trace_experimentId_costUsd_idx";

-- DropIndex
DROP INDEX "Trace_experimentId_executionTimeMs_idx";

-- CreateIndex
CREATE INDEX "LabelingClaim_status_claimedAt_idx" ON "LabelingClaim"("status", "claimedAt");

-- CreateIndex
CREATE INDEX "Trace_experimentId_costUsd_timestampMs_idx" ON "Trace"("experimentId", "costUsd", "timestampMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_executionTimeMs_timestampMs_idx" ON "Trace"("experimentId", "executionTimeMs", "timestampMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_name_timestampMs_idx" ON "Trace"("experimentId", "name", "timestampMs");
