-- CreateTable
CREATE TABLE "LoggedModel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "modelType" TEXT,
    "sourceRunId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'LOGGED_MODEL_PENDING',
    "statusMessage" TEXT,
    "params" TEXT NOT NULL DEFAULT '{}',
    "tags" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LoggedModel_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LoggedModel_experimentId_createdAt_idx" ON "LoggedModel"("experimentId", "createdAt");
