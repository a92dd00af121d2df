-- SQLite only: the view the trace filter reads (SpanSearchText) now reaches a trace's spans
-- through Span's (traceId, ...) index and fetches each span's FTS5 row by rowid.
--
-- Why: Prisma turns "some span of this trace contains GPU" into a correlated EXISTS. Over the FTS5
-- table alone, SQLite answered each probe by running the whole trigram LIKE query and then
-- looking for the trace among its matches: a frequent word took minutes at 100,000 traces.
-- CROSS JOIN fixes the order (Span first), and `|| ''` keeps the LIKE off the FTS5 index inside
-- this view, so a probe costs the trace's few spans. Finding which traces contain a word (the
-- indexed direction) reads "SpanSearchIndex" directly (lib/traces/search/term-matches.ts).
DROP VIEW "SpanSearchText";

CREATE VIEW "SpanSearchText" AS
SELECT s."traceId" AS "traceId", s."spanId" AS "spanId", f."body" || '' AS "body"
FROM "Span" s CROSS JOIN "SpanSearchIndex" f ON f.rowid = s.rowid;
