/**
 * Typed errors thrown by services. Only the route and action wrappers translate them into
 * responses; `code` is MLflow's error_code vocabulary so MLflow-compatible routes can use it as is.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, "INVALID_PARAMETER_VALUE", message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Authentication required: sign in or send 'Authorization: Bearer <api key>'") {
    super(401, "UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Your role does not allow this") {
    super(403, "PERMISSION_DENIED", message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "RESOURCE_DOES_NOT_EXIST", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, "RESOURCE_ALREADY_EXISTS", message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(
      413,
      "REQUEST_LIMIT_EXCEEDED",
      `Request body is larger than the limit of ${limitBytes} bytes (set MAX_BODY_BYTES to change it)`,
    );
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, "REQUEST_LIMIT_EXCEEDED", message);
  }
}
