-- CreateTable
CREATE TABLE "Judge" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "labelName" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Judge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeVersion" (
    "id" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "prompt" TEXT NOT NULL,
    "outputType" TEXT NOT NULL,
    "outputOptions" TEXT NOT NULL DEFAULT '{}',
    "baseUrl" TEXT,
    "model" TEXT,
    "apiKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeRunUse" (
    "id" TEXT NOT NULL,
    "judgeVersionId" TEXT NOT NULL,
    "evaluationRunId" TEXT NOT NULL,
    "scorerName" TEXT NOT NULL,

    CONSTRAINT "JudgeRunUse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Judge_experimentId_name_key" ON "Judge"("experimentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeVersion_judgeId_version_key" ON "JudgeVersion"("judgeId", "version");

-- CreateIndex
CREATE INDEX "JudgeRunUse_judgeVersionId_idx" ON "JudgeRunUse"("judgeVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeRunUse_evaluationRunId_scorerName_key" ON "JudgeRunUse"("evaluationRunId", "scorerName");

-- AddForeignKey
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeVersion" ADD CONSTRAINT "JudgeVersion_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeRunUse" ADD CONSTRAINT "JudgeRunUse_judgeVersionId_fkey" FOREIGN KEY ("judgeVersionId") REFERENCES "JudgeVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeRunUse" ADD CONSTRAINT "JudgeRunUse_evaluationRunId_fkey" FOREIGN KEY ("evaluationRunId") REFERENCES "EvaluationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
