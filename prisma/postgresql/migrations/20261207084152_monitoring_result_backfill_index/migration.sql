-- CreateIndex
CREATE INDEX "MonitoringResult_backfillId_idx" ON "MonitoringResult"("backfillId");
