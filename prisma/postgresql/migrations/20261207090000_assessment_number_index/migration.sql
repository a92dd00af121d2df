-- Numeric assessment filters (`feedback.<name> > 0.5`, lib/traces/search/term-matches.ts) read
-- the view "AssessmentNumber" by name, kind and valid, then compare its "number". When every
-- assessment of an experiment has that name (one feedback on each trace), the (name, kind, valid)
-- index narrows nothing and each row's value went through the view's regular expression: 25,000
-- assessments took ~190 ms for a value none had. This expression index holds the number itself,
-- so the comparison is an index range scan. Written by hand: Prisma cannot model an expression
-- index and ignores it in diffs. The expression must be spelled exactly as the view's (migration
-- 20261206233000_trace_free_text_search), or the planner cannot match it. PostgreSQL only: SQLite
-- reads the same 25,000 assessments in ~12 ms (its view's JSON functions are cheap).
CREATE INDEX "Assessment_name_kind_valid_number_idx" ON "Assessment" ("name", "kind", "valid", (
  CASE
    WHEN "value" ~ '^\s*"?\s*-?(\d{1,200}(\.\d*)?|\.\d+)([eE][+-]?\d{1,2})?\s*"?\s*$'
      THEN btrim("value", E' \t\n\r"')::double precision
  END
));

-- Statistics of the new expression now, not at autovacuum's next visit: without them the planner
-- guesses a third of the rows match any comparison and joins every trace of the experiment in
-- parallel (~15 ms) instead of probing the few matches.
ANALYZE "Assessment";
