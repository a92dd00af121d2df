-- Turns whose trace is gone (none are expected: the turn and its trace are written together) would fail the new foreign key.
DELETE FROM "ChatTurn" WHERE "traceId" NOT IN (SELECT "id" FROM "Trace");

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChatTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "traceId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "answer" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatTurn_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "ChatThread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChatTurn_traceId_fkey" FOREIGN KEY ("traceId") REFERENCES "Trace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChatTurn" ("answer", "createdAt", "error", "id", "message", "position", "status", "threadId", "traceId") SELECT "answer", "createdAt", "error", "id", "message", "position", "status", "threadId", "traceId" FROM "ChatTurn";
DROP TABLE "ChatTurn";
ALTER TABLE "new_ChatTurn" RENAME TO "ChatTurn";
CREATE INDEX "ChatTurn_traceId_idx" ON "ChatTurn"("traceId");
CREATE UNIQUE INDEX "ChatTurn_threadId_position_key" ON "ChatTurn"("threadId", "position");
CREATE TABLE "new_PairwisePair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "inputs" TEXT NOT NULL,
    "traceIdA" TEXT,
    "traceIdB" TEXT,
    "leftIsA" BOOLEAN NOT NULL,
    CONSTRAINT "PairwisePair_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PairwiseSession" ("sessionId") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PairwisePair" ("id", "inputs", "leftIsA", "position", "sessionId", "traceIdA", "traceIdB") SELECT "id", "inputs", "leftIsA", "position", "sessionId", "traceIdA", "traceIdB" FROM "PairwisePair";
DROP TABLE "PairwisePair";
ALTER TABLE "new_PairwisePair" RENAME TO "PairwisePair";
CREATE UNIQUE INDEX "PairwisePair_sessionId_position_key" ON "PairwisePair"("sessionId", "position");
CREATE TABLE "new_PairwiseSession" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "evaluationRunIdA" TEXT,
    "evaluationRunIdB" TEXT,
    "agentIdA" TEXT,
    "agentIdB" TEXT,
    "labelA" TEXT NOT NULL,
    "labelB" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'READY',
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PairwiseSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PairwiseSession" ("createdAt", "evaluationRunIdA", "evaluationRunIdB", "labelA", "labelB", "sessionId") SELECT "createdAt", "evaluationRunIdA", "evaluationRunIdB", "labelA", "labelB", "sessionId" FROM "PairwiseSession";
DROP TABLE "PairwiseSession";
ALTER TABLE "new_PairwiseSession" RENAME TO "PairwiseSession";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
