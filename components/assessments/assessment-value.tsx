import { ThumbsDown, ThumbsUp } from "lucide-react";
import { displayValue } from "@/lib/assessments/form-value";
import type { JsonValue } from "@/lib/assessments/schemas";

/** An assessment's value as text, with a thumbs icon for pass/fail values (the word carries the meaning). */
export function AssessmentValue({ value }: { value: JsonValue }) {
  const Icon = value === true || value === "yes" ? ThumbsUp : value === false || value === "no" ? ThumbsDown : null;
  return (
    <>
      {Icon ? <Icon aria-hidden className="mr-1 inline h-3 w-3 align-[-2px]" /> : null}
      {displayValue(value)}
    </>
  );
}
