/**
 * Inter-rater agreement for labeling sessions with labelsPerItem > 1. Pure functions over
 * `{ itemId, ratings: { raterId, value }[] }[]` (one label schema at a time).
 *
 * Which statistic for which question type:
 * - categorical: Fleiss' kappa (any number of raters) and Krippendorff's alpha, nominal
 *   (or ordinal with `order` = the options when they are a scale, e.g. Bad < OK < Good);
 * - numeric: Krippendorff's alpha, interval (or ratio for counts/quantities with a true zero);
 * - two reviewers only: Cohen's kappa as well.
 * Multi-select and free-text answers have no standard coefficient; compare them per option
 * (yes/no per option, nominal) or review them by hand with `rankDisagreements`.
 */
export { cohenKappa, type TCohenKappaResult } from "@/lib/labeling/agreement/cohen";
export { fleissKappa, fleissKappaFromCounts, type TFleissKappaResult } from "@/lib/labeling/agreement/fleiss";
export {
  krippendorffAlpha,
  type TAlphaLevel,
  type TKrippendorffAlphaResult,
} from "@/lib/labeling/agreement/krippendorff";
export { rankDisagreements, type TItemDisagreement } from "@/lib/labeling/agreement/disagreement";
export { cleanItems, type TRatedItem, type TRating, type TRatingValue } from "@/lib/labeling/agreement/types";
