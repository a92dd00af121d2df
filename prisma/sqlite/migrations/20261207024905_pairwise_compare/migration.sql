-- CreateTable
CREATE TABLE "PairwiseSession" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "evaluationRunIdA" TEXT NOT NULL,
    "evaluationRunIdB" TEXT NOT NULL,
    "labelA" TEXT NOT NULL,
    "labelB" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PairwiseSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PairwisePair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "inputs" TEXT NOT NULL,
    "traceIdA" TEXT NOT NULL,
    "traceIdB" TEXT NOT NULL,
    "leftIsA" BOOLEAN NOT NULL,
    CONSTRAINT "PairwisePair_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PairwiseSession" ("sessionId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PairwisePair_sessionId_position_key" ON "PairwisePair"("sessionId", "position");
