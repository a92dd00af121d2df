/**
 * Reviewers' accuracy on gold items (items with a known answer), per question. Pure and
 * client-safe; answers are compared with the rule adjudication uses (lib/labeling/adjudication/compare.ts).
 */
import { answersAgree, type QuestionDef } from "@/lib/labeling/adjudication/compare";

export interface GoldAccuracyDto {
  userId: string;
  email: string;
  schema: string;
  /** Gold items this reviewer answered this question on. */
  answered: number;
  correct: number;
  /** correct / answered; null when they answered none. */
  accuracy: number | null;
}

export function goldAccuracy(
  questions: readonly QuestionDef[],
  /** itemId → schema name → the known answer. */
  gold: ReadonlyMap<string, Record<string, unknown>>,
  labels: readonly {
    itemId: string;
    userId: string;
    email: string;
    answers: Record<string, { value: unknown } | undefined>;
  }[],
  tolerance = 0,
): GoldAccuracyDto[] {
  const byKey = new Map<string, GoldAccuracyDto>();
  for (const l of labels) {
    const known = gold.get(l.itemId);
    if (!known) continue;
    for (const q of questions) {
      if (!(q.name in known)) continue;
      const given = l.answers[q.name]?.value;
      if (given === undefined || given === null) continue;
      const key = `${l.userId}\u0000${q.name}`;
      const row = byKey.get(key) ?? {
        userId: l.userId,
        email: l.email,
        schema: q.name,
        answered: 0,
        correct: 0,
        accuracy: null,
      };
      row.answered++;
      // Free text counts as correct only when it matches (case and surrounding spaces aside).
      const input =
        q.input.type === "text" || q.input.type === "text_list"
          ? { type: "categorical" as const, options: [] }
          : q.input;
      if (answersAgree(input, given, known[q.name], tolerance)) row.correct++;
      byKey.set(key, row);
    }
  }
  return [...byKey.values()]
    .map((r) => ({ ...r, accuracy: r.answered ? r.correct / r.answered : null }))
    .sort((a, b) => a.email.localeCompare(b.email) || a.schema.localeCompare(b.schema));
}
