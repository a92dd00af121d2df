-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "apiKey" TEXT,
    "systemPrompt" TEXT,
    "timeoutMs" INTEGER NOT NULL DEFAULT 60000,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Agent_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LabelingSessionAgent" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    CONSTRAINT "LabelingSessionAgent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LabelingSessionAgent_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatThread" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ChatThread_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LabelingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "traceId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "answer" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ChatTurn_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "ChatThread" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Agent_experimentId_name_key" ON "Agent"("experimentId", "name");

-- CreateIndex
CREATE INDEX "LabelingSessionAgent_agentId_idx" ON "LabelingSessionAgent"("agentId");

-- CreateIndex
CREATE INDEX "ChatThread_sessionId_userId_updatedAt_idx" ON "ChatThread"("sessionId", "userId", "updatedAt");

-- CreateIndex
CREATE INDEX "ChatTurn_traceId_idx" ON "ChatTurn"("traceId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatTurn_threadId_position_key" ON "ChatTurn"("threadId", "position");
