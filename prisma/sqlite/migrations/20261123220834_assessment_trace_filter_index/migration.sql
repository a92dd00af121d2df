-- CreateIndex
CREATE INDEX "Assessment_traceId_name_kind_valid_idx" ON "Assessment"("traceId", "name", "kind", "valid");
