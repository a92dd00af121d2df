/**
 * Prompt templates of custom judges: `{{ inputs }}`, `{{ outputs }}`, `{{ expectations }}`,
 * `{{ trace }}` and `{{ conversation }}` (the names MLflow's `make_judge` uses, plus the chat).
 * Pure and client-safe: the form and the API validate with the same function.
 */

export const TEMPLATE_VARIABLES = ["inputs", "outputs", "expectations", "trace", "conversation"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const VARIABLE_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{ name }}` in the template, in order of first appearance. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(VARIABLE_RE)].map((m) => m[1]!))];
}

/** A message naming what is wrong with the template, or null when it is usable. */
export function templateProblem(template: string): string | null {
  const used = templateVariables(template);
  const unknown = used.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
  const allowed = TEMPLATE_VARIABLES.map((v) => `{{ ${v} }}`).join(", ");
  if (unknown.length)
    return `Unknown variable${unknown.length > 1 ? "s" : ""} ${unknown.map((v) => `{{ ${v} }}`).join(", ")}: use ${allowed}`;
  if (!used.length) return `The prompt uses no variable: add at least one of ${allowed}`;
  return null;
}

/** Replaces each variable with its text (already fenced by the caller); unknown names stay as typed. */
export function renderTemplate(template: string, values: Record<TemplateVariable, () => string>): string {
  return template.replace(VARIABLE_RE, (whole, name: string) =>
    (TEMPLATE_VARIABLES as readonly string[]).includes(name) ? values[name as TemplateVariable]() : whole,
  );
}
