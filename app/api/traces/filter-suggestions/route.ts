// GET /api/traces/filter-suggestions: keys or values seen in an experiment's newest traces (the filter builder).
import { route } from "@/lib/http/route";
import { ZFilterSuggestionsQuery } from "@/lib/traces/schemas";
import { listFilterSuggestions } from "@/lib/traces/search/service";

export const GET = route({ role: "REVIEWER", query: ZFilterSuggestionsQuery }, ({ actor, query }) =>
  listFilterSuggestions(actor, query),
);
