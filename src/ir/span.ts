import * as t from 'io-ts'

/** A place in a source file. 1-based line and column; `offset` and `length` are in UTF-16 units. */
export const Span = t.readonly(
  t.intersection([
    t.type({ file: t.string, line: t.number, column: t.number }),
    t.partial({ offset: t.number, length: t.number }),
  ]),
)
export type Span = t.TypeOf<typeof Span>

export const Severity = t.keyof({ error: null, warning: null, info: null })
export type Severity = t.TypeOf<typeof Severity>

/** Every parse or semantic problem is a value: a code, a message and, when known, a span. */
export const Diagnostic = t.readonly(
  t.intersection([
    t.type({ severity: Severity, code: t.string, message: t.string }),
    t.partial({ span: Span }),
  ]),
)
export type Diagnostic = t.TypeOf<typeof Diagnostic>

export const diagnostic = (
  severity: Severity,
  code: string,
  message: string,
  span?: Span,
): Diagnostic => Object.freeze(span ? { severity, code, message, span } : { severity, code, message })

export const isError = (d: Diagnostic): boolean => d.severity === 'error'
