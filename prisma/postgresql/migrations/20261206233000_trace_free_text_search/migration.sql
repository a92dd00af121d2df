-- Free-text search and numeric assessment filters (lib/traces/search/free-text.ts). Written by
-- hand: Prisma cannot model extensions, expression indexes or views, so it ignores them (the
-- schema declares the two views read-only, lib/db/migrations/search-objects.ts lists what the
-- drift test must leave alone).

-- pg_trgm (contrib) is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A span's searchable text: its inputs and outputs (JSON text). The GIN trigram index answers
-- `ILIKE '%gpu%'` (what Prisma's case-insensitive `contains` sends), a case-insensitive
-- substring match, for any term of 3 characters or more. The view below must spell the
-- expression exactly as the index does, or the planner cannot use it.
CREATE INDEX "Span_search_trgm_idx" ON "Span" USING gin ((coalesce("inputs", '') || E'\n' || coalesce("outputs", '')) gin_trgm_ops);

CREATE VIEW "SpanSearchText" AS
SELECT "traceId", "spanId", coalesce("inputs", '') || E'\n' || coalesce("outputs", '') AS "body" FROM "Span";

-- Numeric value of each assessment whose value is a JSON number or a JSON string holding one
-- (clients send both), for `feedback.<name> > 0.5`. The cast sits inside CASE so a pushed-down
-- comparison can never cast a non-number.
CREATE VIEW "AssessmentNumber" AS
SELECT "id", "traceId", "name", "kind", "valid", "runId",
  CASE
    WHEN "value" ~ '^\s*"?\s*-?(\d{1,200}(\.\d*)?|\.\d+)([eE][+-]?\d{1,2})?\s*"?\s*$'
      THEN btrim("value", E' \t\n\r"')::double precision
  END AS "number"
FROM "Assessment";
