import { ValidationError } from "@/lib/errors";

/**
 * A trace search `filter` that cannot be parsed or run. It is a ValidationError, so the route
 * wrapper answers 400 INVALID_PARAMETER_VALUE like MLflow does; `position` is the 0-based
 * character offset in the filter string, so a UI can point at the offending spot.
 */
export class FilterSyntaxError extends ValidationError {
  constructor(
    readonly position: number,
    reason: string,
  ) {
    super(`Invalid filter at position ${position}: ${reason}`, { position });
  }
}
