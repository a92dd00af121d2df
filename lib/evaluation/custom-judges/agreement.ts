/**
 * Judge-versus-experts agreement, pure: accuracy, Cohen's κ (judge and "the experts" as the two
 * raters, values compared with `labelKey`), the confusion matrix and the disagreeing traces.
 */
import { labelKey, type HumanLabelPick } from "@/lib/assessments/human-label";
import { cohenKappa } from "@/lib/assessments/agreement/cohen";
import type { DisagreementDto } from "./types";

export interface AgreementItem {
  traceId: string;
  judge: unknown;
  human: HumanLabelPick;
}

export interface AgreementFigures {
  compared: number;
  agreed: number;
  accuracy: number | null;
  kappa: number | null;
  labels: string[];
  matrix: number[][];
  disagreements: DisagreementDto[];
  expertsDisagree: number;
  unlabelled: number;
}

export const MAX_DISAGREEMENTS = 200;

export function summarizeJudgeAgreement(items: readonly AgreementItem[]): AgreementFigures {
  const pairs: { traceId: string; judge: unknown; human: unknown; jk: string; hk: string }[] = [];
  let expertsDisagree = 0;
  let unlabelled = 0;
  for (const it of items) {
    if (it.judge === null || it.judge === undefined) continue;
    if (it.human.kind === "none") unlabelled++;
    else if (it.human.kind === "experts_disagree") expertsDisagree++;
    else
      pairs.push({
        traceId: it.traceId,
        judge: it.judge,
        human: it.human.value,
        jk: labelKey(it.judge),
        hk: labelKey(it.human.value),
      });
  }
  const labels = [...new Set(pairs.flatMap((p) => [p.hk, p.jk]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const p of pairs) matrix[index.get(p.hk)!]![index.get(p.jk)!]!++;
  const agreed = pairs.filter((p) => p.hk === p.jk).length;
  const kappa = pairs.length
    ? cohenKappa(
        pairs.map((p) => ({
          itemId: p.traceId,
          ratings: [
            { raterId: "experts", value: p.hk },
            { raterId: "judge", value: p.jk },
          ],
        })),
        ["experts", "judge"],
      ).kappa
    : Number.NaN;
  return {
    compared: pairs.length,
    agreed,
    accuracy: pairs.length ? agreed / pairs.length : null,
    kappa: Number.isFinite(kappa) ? kappa : null,
    labels,
    matrix,
    disagreements: pairs
      .filter((p) => p.hk !== p.jk)
      .slice(0, MAX_DISAGREEMENTS)
      .map(({ traceId, judge, human }) => ({ traceId, judge, human })),
    expertsDisagree,
    unlabelled,
  };
}
