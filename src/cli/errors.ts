/** An error the user can act on: printed as one line (no stack trace), exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message)
  }
}
