-- CreateTable
CREATE TABLE "LoggedModel" (
    "id" TEXT NOT NULL,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modelType" TEXT,
    "sourceRunId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'LOGGED_MODEL_PENDING',
    "statusMessage" TEXT,
    "params" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoggedModel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LoggedModel_experimentId_createdAt_idx" ON "LoggedModel"("experimentId", "createdAt");

-- AddForeignKey
ALTER TABLE "LoggedModel" ADD CONSTRAINT "LoggedModel_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
