/** Errors the data layer throws on purpose; callers map them to 404, 409, 422 and so on. */

/** A record that does not exist, or that the actor may not see: the two look the same. */
export class NotFoundError extends Error {
  constructor() {
    super("Not found");
  }
}

/** The actor's role does not allow the action. Already audited when thrown. */
export class AccessDeniedError extends Error {
  constructor() {
    super("Access denied");
  }
}

/** Input that passed its schema but breaks a rule only the database can check. */
export class RuleViolationError extends Error {
  /** `fieldErrors` values are message-catalogue keys under `validation`. */
  constructor(public readonly fieldErrors: Record<string, string[]>) {
    super("Rule violation");
  }
}

/** Someone else changed the record since the form was loaded. */
export class ConflictError extends Error {
  constructor(public readonly current: unknown) {
    super("Conflict");
  }
}
