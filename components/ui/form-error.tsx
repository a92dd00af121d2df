import type { FieldErrors } from "react-hook-form";

/** The form-level error `applyServerErrors` leaves on `root.server` (a failed request that names no field). */
export function FormError({ errors }: { errors: FieldErrors }) {
  const message = errors.root?.server?.message;
  return message ? (
    <p role="alert" className="text-sm text-red-600">
      {message}
    </p>
  ) : null;
}
