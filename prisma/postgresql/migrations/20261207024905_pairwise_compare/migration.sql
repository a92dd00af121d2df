-- CreateTable
CREATE TABLE "PairwiseSession" (
    "sessionId" TEXT NOT NULL,
    "evaluationRunIdA" TEXT NOT NULL,
    "evaluationRunIdB" TEXT NOT NULL,
    "labelA" TEXT NOT NULL,
    "labelB" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PairwiseSession_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "PairwisePair" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "inputs" TEXT NOT NULL,
    "traceIdA" TEXT NOT NULL,
    "traceIdB" TEXT NOT NULL,
    "leftIsA" BOOLEAN NOT NULL,

    CONSTRAINT "PairwisePair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PairwisePair_sessionId_position_key" ON "PairwisePair"("sessionId", "position");

-- AddForeignKey
ALTER TABLE "PairwiseSession" ADD CONSTRAINT "PairwiseSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PairwisePair" ADD CONSTRAINT "PairwisePair_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PairwiseSession"("sessionId") ON DELETE CASCADE ON UPDATE CASCADE;
