import type { AttributeName, Comparator, FilterKey } from "@/lib/traces/search/ast";
import { FilterSyntaxError } from "@/lib/traces/search/errors";
import type { Token } from "@/lib/traces/search/tokenizer";

type IdentToken = Extract<Token, { kind: "ident" }>;

/** Attribute spellings MLflow accepts (search_utils.py), mapped to one canonical name. */
const ATTRIBUTE_ALIASES: Record<string, AttributeName> = {
  timestamp_ms: "timestamp_ms",
  timestamp: "timestamp_ms",
  execution_time_ms: "execution_time_ms",
  execution_time: "execution_time_ms",
  end_time_ms: "end_time_ms",
  end_time: "end_time_ms",
  status: "status",
  state: "status",
  request_id: "request_id",
  trace_id: "request_id",
  client_request_id: "client_request_id",
  name: "name",
  run_id: "run_id",
  text: "text",
  cost: "cost",
  cost_usd: "cost",
};

const ENTITY_PREFIXES: Record<string, "attribute" | "tag" | "metadata" | "span" | "feedback" | "expectation"> = {
  attributes: "attribute",
  attribute: "attribute",
  trace: "attribute",
  tags: "tag",
  tag: "tag",
  metadata: "metadata",
  request_metadata: "metadata",
  span: "span",
  feedback: "feedback",
  expectation: "expectation",
};

const NUMERIC: readonly Comparator[] = ["=", "!=", ">", ">=", "<", "<="];
/** The same comparators, for keys whose values are decimals (USD), not integer milliseconds. */
const DECIMAL: readonly Comparator[] = [...NUMERIC];
const STRING_WITH_IN: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE", "RLIKE", "IN", "NOT IN"];
const STRING_WITH_NULL: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE", "RLIKE", "IS NULL", "IS NOT NULL"];
const PATTERN_ONLY: readonly Comparator[] = ["LIKE", "ILIKE"];
const RUN_ID: readonly Comparator[] = ["=", "IN"];

const ATTRIBUTE_LIST = Object.keys(ATTRIBUTE_ALIASES).join(", ");
const PREFIX_LIST = "attributes., tags., metadata., span., feedback., expectation.";

/** Turns a key token into a FilterKey, resolving entity prefixes and attribute aliases. */
export function resolveKey(token: IdentToken): FilterKey {
  const [first, ...rest] = token.parts;
  const restKey = rest.map((p) => p.value).join(".");
  const entity = first.quoted ? undefined : ENTITY_PREFIXES[first.value.toLowerCase()];

  if (rest.length === 0) {
    const name = first.quoted ? undefined : ATTRIBUTE_ALIASES[first.value.toLowerCase()];
    if (name) return { entity: "attribute", name };
    if (entity) throw new FilterSyntaxError(token.position, `expected a key after '${first.value}.'`);
    throw new FilterSyntaxError(
      token.position,
      `unknown key '${token.text}'; expected an attribute (${ATTRIBUTE_LIST}) or a key with a prefix (${PREFIX_LIST})`,
    );
  }

  switch (entity) {
    case "attribute": {
      const name = ATTRIBUTE_ALIASES[restKey.toLowerCase()];
      if (!name)
        throw new FilterSyntaxError(
          token.position,
          `unknown attribute '${restKey}'; expected one of ${ATTRIBUTE_LIST}`,
        );
      return { entity: "attribute", name };
    }
    case "tag":
      return { entity: "tag", key: restKey };
    case "metadata":
      return { entity: "metadata", key: restKey };
    case "feedback":
      return { entity: "feedback", name: restKey };
    case "expectation":
      return { entity: "expectation", name: restKey };
    case "span":
      return resolveSpanKey(token, rest);
    default:
      if (!first.quoted && first.value.toLowerCase() === "issue") {
        throw new FilterSyntaxError(token.position, "issue filters are not supported by this server");
      }
      throw new FilterSyntaxError(
        token.position,
        `unknown key prefix '${first.value}.'; expected one of ${PREFIX_LIST}`,
      );
  }
}

function resolveSpanKey(token: IdentToken, rest: IdentToken["parts"]): FilterKey {
  const field = rest[0].quoted ? rest[0].value : rest[0].value.toLowerCase();
  if (field === "attributes" || field === "attribute") {
    if (rest.length < 2)
      throw new FilterSyntaxError(token.position, "expected an attribute name after 'span.attributes.'");
    return {
      entity: "span",
      field: "attributes",
      key: rest
        .slice(1)
        .map((p) => p.value)
        .join("."),
    };
  }
  if (rest.length === 1 && (field === "name" || field === "type" || field === "status" || field === "content")) {
    return { entity: "span", field };
  }
  throw new FilterSyntaxError(
    token.position,
    `unknown span key '${token.text}'; expected span.name, span.type, span.status, span.content or span.attributes.<key>`,
  );
}

/** Comparators MLflow allows for each key (docs/mlflow-compatibility.md §5). */
export function allowedComparators(key: FilterKey): readonly Comparator[] {
  switch (key.entity) {
    case "attribute":
      switch (key.name) {
        case "timestamp_ms":
        case "execution_time_ms":
        case "end_time_ms":
          return NUMERIC;
        case "run_id":
          return RUN_ID;
        case "text":
          return PATTERN_ONLY;
        case "cost":
          return DECIMAL;
        default:
          return STRING_WITH_IN;
      }
    case "span":
      return key.field === "content" ? PATTERN_ONLY : STRING_WITH_IN;
    default:
      return STRING_WITH_NULL;
  }
}

/** Keys whose values are decimal numbers (cost in USD). */
export function isDecimalKey(key: FilterKey): boolean {
  return allowedComparators(key) === DECIMAL;
}

/** Keys whose values are integers (milliseconds). */
export function isNumericKey(key: FilterKey): boolean {
  return allowedComparators(key) === NUMERIC;
}
