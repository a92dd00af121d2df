-- Free-text search and numeric assessment filters (lib/traces/search/free-text.ts). Written by
-- hand: Prisma cannot model FTS5 tables, triggers or views, so it ignores them (the schema
-- declares the two views read-only, lib/db/migrations/search-objects.ts lists what the drift
-- test must leave alone).

-- One FTS5 row per span: its inputs and outputs (JSON text), with the trigram tokenizer, so
-- `body LIKE '%gpu%'` (what Prisma's `contains` sends) is answered from the index, as a
-- case-insensitive substring match, for any term of 3 characters or more.
-- The FTS rowid is the span's rowid, kept in step by the triggers below. A later migration that
-- redefines "Span" (Prisma's CREATE new_Span / INSERT / DROP / RENAME) drops these triggers and
-- renumbers rowids: it must end by re-running this file's statements after the CREATE VIRTUAL TABLE
-- (DELETE FROM "SpanSearchIndex", the INSERT ... SELECT and the triggers).
CREATE VIRTUAL TABLE "SpanSearchIndex" USING fts5("traceId" UNINDEXED, "spanId" UNINDEXED, "body", tokenize = 'trigram');

INSERT INTO "SpanSearchIndex" (rowid, "traceId", "spanId", "body")
SELECT rowid, "traceId", "spanId", coalesce("inputs", '') || char(10) || coalesce("outputs", '') FROM "Span";

-- Each trigger first deletes the index row of that rowid, so a stale row can never collide. (Not
-- INSERT OR REPLACE: inside a trigger the firing statement's conflict policy wins, and the
-- writer's upsert would turn it into ABORT.)
CREATE TRIGGER "Span_search_insert" AFTER INSERT ON "Span" BEGIN
  DELETE FROM "SpanSearchIndex" WHERE rowid = NEW.rowid;
  INSERT INTO "SpanSearchIndex" (rowid, "traceId", "spanId", "body")
  VALUES (NEW.rowid, NEW."traceId", NEW."spanId", coalesce(NEW."inputs", '') || char(10) || coalesce(NEW."outputs", ''));
END;

-- The ingestion writer upserts re-sent spans (ON CONFLICT DO UPDATE), which fires this one.
CREATE TRIGGER "Span_search_update" AFTER UPDATE OF "inputs", "outputs" ON "Span" BEGIN
  DELETE FROM "SpanSearchIndex" WHERE rowid = OLD.rowid;
  INSERT INTO "SpanSearchIndex" (rowid, "traceId", "spanId", "body")
  VALUES (NEW.rowid, NEW."traceId", NEW."spanId", coalesce(NEW."inputs", '') || char(10) || coalesce(NEW."outputs", ''));
END;

-- Also fires for spans removed by the ON DELETE CASCADE of their trace.
CREATE TRIGGER "Span_search_delete" AFTER DELETE ON "Span" BEGIN
  DELETE FROM "SpanSearchIndex" WHERE rowid = OLD.rowid;
END;

-- What Prisma reads (view SpanSearchText): a flattened view, so the LIKE reaches the FTS index.
CREATE VIEW "SpanSearchText" AS SELECT "traceId", "spanId", "body" FROM "SpanSearchIndex";

-- Numeric value of each assessment whose value is a JSON number or a JSON string holding one
-- (clients send both), for `feedback.<name> > 0.5`. Invalid JSON and other values give NULL.
CREATE VIEW "AssessmentNumber" AS
SELECT "id", "traceId", "name", "kind", "valid", "runId",
  CASE
    WHEN NOT json_valid("value") THEN NULL
    WHEN json_type("value") IN ('integer', 'real') THEN CAST("value" AS REAL)
    WHEN json_type("value") = 'text'
      AND trim(json_extract("value", '$')) GLOB '*[0-9]*'
      AND NOT trim(json_extract("value", '$')) GLOB '*[^0-9.eE+-]*'
      THEN CAST(trim(json_extract("value", '$')) AS REAL)
  END AS "number"
FROM "Assessment";
