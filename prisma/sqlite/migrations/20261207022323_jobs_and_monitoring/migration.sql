-- AlterTable
ALTER TABLE "EvaluationRun" ADD COLUMN "leaseJobId" TEXT;
ALTER TABLE "EvaluationRun" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'QUEUED',
    "singletonKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MonitoringRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "watermark" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MonitoringRule_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitoringRuleVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "filter" TEXT NOT NULL DEFAULT '',
    "samplingRate" REAL NOT NULL DEFAULT 1,
    "scorers" TEXT NOT NULL,
    "routing" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MonitoringRuleVersion_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "MonitoringRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitoringResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "ruleVersion" INTEGER NOT NULL,
    "traceId" TEXT NOT NULL,
    "backfillId" TEXT,
    "passed" BOOLEAN,
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "errors" TEXT,
    "judgeCalls" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "routedItemId" TEXT,
    "routedAt" DATETIME,
    "scoredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MonitoringResult_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "MonitoringRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MonitoringResult_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitoringBackfill" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "fromMs" BIGINT NOT NULL,
    "toMs" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "totalTraces" INTEGER NOT NULL DEFAULT 0,
    "doneTraces" INTEGER NOT NULL DEFAULT 0,
    "scored" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "MonitoringBackfill_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "MonitoringRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Job_state_runAfter_idx" ON "Job"("state", "runAfter");

-- CreateIndex
CREATE INDEX "Job_name_singletonKey_state_idx" ON "Job"("name", "singletonKey", "state");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoringRule_experimentId_name_key" ON "MonitoringRule"("experimentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoringRuleVersion_ruleId_version_key" ON "MonitoringRuleVersion"("ruleId", "version");

-- CreateIndex
CREATE INDEX "MonitoringResult_ruleId_scoredAt_idx" ON "MonitoringResult"("ruleId", "scoredAt");

-- CreateIndex
CREATE INDEX "MonitoringResult_ruleId_routedAt_idx" ON "MonitoringResult"("ruleId", "routedAt");

-- CreateIndex
CREATE INDEX "MonitoringResult_traceId_idx" ON "MonitoringResult"("traceId");

-- CreateIndex
CREATE UNIQUE INDEX "MonitoringResult_ruleId_traceId_key" ON "MonitoringResult"("ruleId", "traceId");

-- CreateIndex
CREATE INDEX "MonitoringBackfill_ruleId_createdAt_idx" ON "MonitoringBackfill"("ruleId", "createdAt");
