import type { DbProvider } from "@/lib/db/config";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { FilterSyntaxError } from "@/lib/traces/search/errors";

/**
 * Translates an SQL LIKE/ILIKE pattern into Prisma string filters.
 *
 * Prisma lowers `contains`/`startsWith`/`endsWith` to `LIKE '%' || $1 || '%'` (and friends)
 * WITHOUT escaping `%` and `_` in $1 (documented; prisma/prisma#19506). We rely on that: the
 * pattern's body is passed through verbatim, so interior wildcards keep their SQL meaning and
 * `'%a_c%'` behaves exactly as `LIKE '%a_c%'` on both databases. Shapes:
 *   `%x%` → contains x    `x%` → startsWith x    `%x` → endsWith x
 *   no wildcard at all (LIKE) → equals (the unescaped text)
 *   no `%` but `_` wildcards, or ILIKE without `%` → startsWith P AND NOT startsWith `_`×(n+1),
 *     i.e. "P followed by anything, but no longer than P": exactly `LIKE P` (n = P's length).
 *   `%` only in the middle (`a%b`) → 400: no Prisma filter states it exactly.
 * Case: on PostgreSQL LIKE is case-sensitive and ILIKE adds `mode: "insensitive"` (→ ILIKE).
 * On SQLite, LIKE is case-insensitive for ASCII letters, so LIKE and ILIKE behave alike there,
 * except that a LIKE without wildcards becomes `equals`, which is case-sensitive everywhere.
 * Escapes: PostgreSQL's LIKE treats `\` as the escape character (`\%` is a literal percent);
 * SQLite's LIKE has none, so `\%`/`\_` are rejected there rather than silently misread.
 */
export interface StringMatch {
  /** The filter the value must satisfy. */
  filter: Prisma.StringFilter;
  /** A filter the value must NOT satisfy (used for the length bound). */
  exclude?: Prisma.StringFilter;
}

export interface LikeOptions {
  provider: DbProvider;
  caseInsensitive: boolean;
  /** Position of the condition, for error messages. */
  position: number;
}

interface Unit {
  text: string;
  wildcard?: "%" | "_";
}

export function likeToStringMatch(pattern: string, options: LikeOptions): StringMatch {
  const units = splitUnits(pattern, options);
  const isPercent = (u: Unit | undefined) => u?.wildcard === "%";
  const leading = isPercent(units[0]);
  const trailing = units.length > 1 && isPercent(units[units.length - 1]);
  const join = (us: Unit[]) => us.map((u) => u.text).join("");
  const mode = options.caseInsensitive && options.provider === "postgresql";
  const withMode = (f: Prisma.StringFilter): Prisma.StringFilter => (mode ? insensitive(f) : f);

  if (leading && trailing) return { filter: withMode({ contains: join(units.slice(1, -1)) }) };
  if (leading) return { filter: withMode({ endsWith: join(units.slice(1)) }) };
  if (trailing) return { filter: withMode({ startsWith: join(units.slice(0, -1)) }) };
  if (units.some(isPercent)) {
    throw new FilterSyntaxError(
      options.position,
      `the pattern '${pattern}' has '%' only in the middle, which this server cannot match; start or end the pattern with '%' as well`,
    );
  }
  const hasUnderscore = units.some((u) => u.wildcard === "_");
  if (!hasUnderscore && !options.caseInsensitive) {
    // Plain text: exact equality. Escapes (`\_`) stand for the character itself.
    return {
      filter: { equals: units.map((u) => (u.text.length === 2 && u.text[0] === "\\" ? u.text[1] : u.text)).join("") },
    };
  }
  return { filter: withMode({ startsWith: pattern }), exclude: { startsWith: "_".repeat(units.length + 1) } };
}

/**
 * A filter for a literal substring (not a user pattern): `%`, `_` and `\` are escaped on
 * PostgreSQL. SQLite's LIKE cannot escape, so there a `_` in the text also matches any one
 * character (a rare false positive, as in MLflow on SQLite).
 */
export function literalContains(text: string, provider: DbProvider): Prisma.StringFilter {
  return { contains: provider === "postgresql" ? text.replace(/[\\%_]/g, (c) => `\\${c}`) : text };
}

/**
 * Adds `mode: "insensitive"`. The shared client types are generated from the SQLite schema,
 * which has no `mode`; the PostgreSQL client accepts it, so this is only ever called for it.
 */
export function insensitive(filter: Prisma.StringFilter): Prisma.StringFilter {
  return Object.assign({}, filter, { mode: "insensitive" as const });
}

/** Combines a StringMatch on one field into a where input of any model. */
export function applyMatch<W extends { AND?: W | W[]; NOT?: W | W[] }>(
  match: StringMatch,
  onField: (filter: Prisma.StringFilter) => W,
): W {
  if (!match.exclude) return onField(match.filter);
  return { AND: [onField(match.filter), { NOT: onField(match.exclude) } as W] } as W;
}

/** Splits a pattern into characters, escape pairs and wildcards (code points, not UTF-16 units). */
function splitUnits(pattern: string, options: LikeOptions): Unit[] {
  const chars = Array.from(pattern);
  const units: Unit[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (c === "\\" && next !== undefined) {
      if (options.provider === "sqlite") {
        if (next === "%" || next === "_") {
          throw new FilterSyntaxError(
            options.position,
            "escaping '%' or '_' with a backslash is not supported on SQLite, whose LIKE has no escape character",
          );
        }
        units.push({ text: c });
      } else {
        units.push({ text: c + next });
        i++;
      }
    } else if (c === "%" || c === "_") {
      units.push({ text: c, wildcard: c });
    } else {
      units.push({ text: c });
    }
  }
  return units;
}
