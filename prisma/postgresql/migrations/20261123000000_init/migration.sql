-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "artifactLocation" TEXT NOT NULL,
    "lifecycleStage" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentTag" (
    "experimentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ExperimentTag_pkey" PRIMARY KEY ("experimentId","key")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "startTimeMs" BIGINT NOT NULL,
    "endTimeMs" BIGINT,
    "lifecycleStage" TEXT NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunTag" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunTag_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunParam" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "RunParam_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunMetric" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "timestampMs" BIGINT NOT NULL,
    "step" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RunMetric_pkey" PRIMARY KEY ("runId","key","timestampMs","step")
);

-- CreateTable
CREATE TABLE "Trace" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "clientRequestId" TEXT,
    "timestampMs" BIGINT NOT NULL,
    "executionTimeMs" BIGINT,
    "state" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "requestPreview" TEXT,
    "responsePreview" TEXT,
    "name" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "totalTokens" INTEGER,
    "spanCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Trace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TraceTag" (
    "traceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "TraceTag_pkey" PRIMARY KEY ("traceId","key")
);

-- CreateTable
CREATE TABLE "TraceMetadata" (
    "traceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "TraceMetadata_pkey" PRIMARY KEY ("traceId","key")
);

-- CreateTable
CREATE TABLE "TraceRunLink" (
    "traceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,

    CONSTRAINT "TraceRunLink_pkey" PRIMARY KEY ("traceId","runId")
);

-- CreateTable
CREATE TABLE "Span" (
    "traceId" TEXT NOT NULL,
    "spanId" TEXT NOT NULL,
    "parentSpanId" TEXT,
    "name" TEXT NOT NULL,
    "spanType" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "startTimeNs" BIGINT NOT NULL,
    "endTimeNs" BIGINT,
    "statusCode" TEXT NOT NULL DEFAULT 'UNSET',
    "statusMessage" TEXT,
    "inputs" TEXT,
    "outputs" TEXT,
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "events" TEXT NOT NULL DEFAULT '[]',
    "model" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,

    CONSTRAINT "Span_pkey" PRIMARY KEY ("traceId","spanId")
);

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "spanId" TEXT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "errorStackTrace" TEXT,
    "rationale" TEXT,
    "sourceType" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL DEFAULT 'default',
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "overridesId" TEXT,
    "valid" BOOLEAN NOT NULL DEFAULT true,
    "runId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelSchema" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instruction" TEXT,
    "enableComment" BOOLEAN NOT NULL DEFAULT false,
    "inputType" TEXT NOT NULL,
    "inputConfig" TEXT NOT NULL DEFAULT '{}',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelSchema_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingSession" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "labelsPerItem" INTEGER NOT NULL DEFAULT 1,
    "openToAllReviewers" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabelingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingSessionSchema" (
    "sessionId" TEXT NOT NULL,
    "schemaId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LabelingSessionSchema_pkey" PRIMARY KEY ("sessionId","schemaId")
);

-- CreateTable
CREATE TABLE "LabelingSessionReviewer" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "LabelingSessionReviewer_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "LabelingItem" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "traceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingClaim" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "draft" TEXT,
    "answers" TEXT,

    CONSTRAINT "LabelingClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationDataset" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationDataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationDatasetVersion" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvaluationDatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationDatasetRecord" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "inputs" TEXT NOT NULL,
    "expectations" TEXT NOT NULL DEFAULT '{}',
    "outputs" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "sourceTraceId" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "EvaluationDatasetRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRun" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "datasetVersionId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "config" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "doneRows" INTEGER NOT NULL DEFAULT 0,
    "errorRows" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvaluationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationRunRow" (
    "id" TEXT NOT NULL,
    "evaluationRunId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "datasetRecordId" TEXT,
    "traceId" TEXT,
    "inputs" TEXT NOT NULL,
    "outputs" TEXT,
    "expectations" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "error" TEXT,
    "latencyMs" INTEGER,

    CONSTRAINT "EvaluationRunRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationScore" (
    "id" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "scorerName" TEXT NOT NULL,
    "value" TEXT,
    "rationale" TEXT,
    "error" TEXT,
    "assessmentId" TEXT,

    CONSTRAINT "EvaluationScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_name_key" ON "Experiment"("name");

-- CreateIndex
CREATE INDEX "Run_experimentId_startTimeMs_idx" ON "Run"("experimentId", "startTimeMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_timestampMs_idx" ON "Trace"("experimentId", "timestampMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_state_timestampMs_idx" ON "Trace"("experimentId", "state", "timestampMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_executionTimeMs_idx" ON "Trace"("experimentId", "executionTimeMs");

-- CreateIndex
CREATE INDEX "Trace_experimentId_updatedAt_idx" ON "Trace"("experimentId", "updatedAt");

-- CreateIndex
CREATE INDEX "Trace_clientRequestId_idx" ON "Trace"("clientRequestId");

-- CreateIndex
CREATE INDEX "TraceTag_key_value_idx" ON "TraceTag"("key", "value");

-- CreateIndex
CREATE INDEX "TraceMetadata_key_value_idx" ON "TraceMetadata"("key", "value");

-- CreateIndex
CREATE INDEX "TraceRunLink_runId_idx" ON "TraceRunLink"("runId");

-- CreateIndex
CREATE INDEX "Span_traceId_startTimeNs_idx" ON "Span"("traceId", "startTimeNs");

-- CreateIndex
CREATE INDEX "Span_name_idx" ON "Span"("name");

-- CreateIndex
CREATE INDEX "Span_spanType_idx" ON "Span"("spanType");

-- CreateIndex
CREATE INDEX "Assessment_traceId_name_idx" ON "Assessment"("traceId", "name");

-- CreateIndex
CREATE INDEX "Assessment_name_kind_valid_idx" ON "Assessment"("name", "kind", "valid");

-- CreateIndex
CREATE INDEX "Assessment_runId_idx" ON "Assessment"("runId");

-- CreateIndex
CREATE INDEX "Assessment_overridesId_idx" ON "Assessment"("overridesId");

-- CreateIndex
CREATE UNIQUE INDEX "LabelSchema_experimentId_name_key" ON "LabelSchema"("experimentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingSession_runId_key" ON "LabelingSession"("runId");

-- CreateIndex
CREATE INDEX "LabelingSession_experimentId_createdAt_idx" ON "LabelingSession"("experimentId", "createdAt");

-- CreateIndex
CREATE INDEX "LabelingSessionSchema_schemaId_idx" ON "LabelingSessionSchema"("schemaId");

-- CreateIndex
CREATE INDEX "LabelingSessionReviewer_userId_idx" ON "LabelingSessionReviewer"("userId");

-- CreateIndex
CREATE INDEX "LabelingItem_sessionId_position_idx" ON "LabelingItem"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingItem_sessionId_traceId_key" ON "LabelingItem"("sessionId", "traceId");

-- CreateIndex
CREATE INDEX "LabelingClaim_itemId_status_idx" ON "LabelingClaim"("itemId", "status");

-- CreateIndex
CREATE INDEX "LabelingClaim_userId_status_idx" ON "LabelingClaim"("userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingClaim_itemId_userId_key" ON "LabelingClaim"("itemId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationDataset_experimentId_name_key" ON "EvaluationDataset"("experimentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationDatasetVersion_datasetId_version_key" ON "EvaluationDatasetVersion"("datasetId", "version");

-- CreateIndex
CREATE INDEX "EvaluationDatasetRecord_versionId_position_idx" ON "EvaluationDatasetRecord"("versionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationDatasetRecord_versionId_inputsHash_key" ON "EvaluationDatasetRecord"("versionId", "inputsHash");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationRun_runId_key" ON "EvaluationRun"("runId");

-- CreateIndex
CREATE INDEX "EvaluationRun_experimentId_createdAt_idx" ON "EvaluationRun"("experimentId", "createdAt");

-- CreateIndex
CREATE INDEX "EvaluationRunRow_evaluationRunId_position_idx" ON "EvaluationRunRow"("evaluationRunId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationScore_rowId_scorerName_key" ON "EvaluationScore"("rowId", "scorerName");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentTag" ADD CONSTRAINT "ExperimentTag_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunTag" ADD CONSTRAINT "RunTag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunParam" ADD CONSTRAINT "RunParam_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunMetric" ADD CONSTRAINT "RunMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trace" ADD CONSTRAINT "Trace_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceTag" ADD CONSTRAINT "TraceTag_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceMetadata" ADD CONSTRAINT "TraceMetadata_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceRunLink" ADD CONSTRAINT "TraceRunLink_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TraceRunLink" ADD CONSTRAINT "TraceRunLink_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Span" ADD CONSTRAINT "Span_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_traceId_spanId_fkey" FOREIGN KEY ("traceId", "spanId") REFERENCES "Span"("traceId", "spanId") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_overridesId_fkey" FOREIGN KEY ("overridesId") REFERENCES "Assessment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelSchema" ADD CONSTRAINT "LabelSchema_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelSchema" ADD CONSTRAINT "LabelSchema_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSession" ADD CONSTRAINT "LabelingSession_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSession" ADD CONSTRAINT "LabelingSession_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSession" ADD CONSTRAINT "LabelingSession_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSessionSchema" ADD CONSTRAINT "LabelingSessionSchema_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSessionSchema" ADD CONSTRAINT "LabelingSessionSchema_schemaId_fkey" FOREIGN KEY ("schemaId") REFERENCES "LabelSchema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSessionReviewer" ADD CONSTRAINT "LabelingSessionReviewer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSessionReviewer" ADD CONSTRAINT "LabelingSessionReviewer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingItem" ADD CONSTRAINT "LabelingItem_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingItem" ADD CONSTRAINT "LabelingItem_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingClaim" ADD CONSTRAINT "LabelingClaim_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "LabelingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingClaim" ADD CONSTRAINT "LabelingClaim_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationDataset" ADD CONSTRAINT "EvaluationDataset_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationDatasetVersion" ADD CONSTRAINT "EvaluationDatasetVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "EvaluationDataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationDatasetRecord" ADD CONSTRAINT "EvaluationDatasetRecord_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "EvaluationDatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "EvaluationDatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRun" ADD CONSTRAINT "EvaluationRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationRunRow" ADD CONSTRAINT "EvaluationRunRow_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationScore" ADD CONSTRAINT "EvaluationScore_rowId_fkey" FOREIGN KEY ("rowId") REFERENCES "EvaluationRunRow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
