/**
 * Storage parameters (`WITH (…)`, `SET (…)`, `RESET (…)`) as SQL. A key may be namespaced
 * (`toast.autovacuum_enabled`): each dotted part is an identifier of its own.
 */
import { quoteIdent, quoteLiteral } from '../ir/names.js'

/** Values PostgreSQL reads back unchanged without quotes: numbers and lower-case words. */
const BARE_VALUE = /^(-?\d+(\.\d+)?|[a-z_][a-z0-9_]*)$/

/** An option name, each dotted part quoted as needed. */
export const optionName = (key: string): string => key.split('.').map(quoteIdent).join('.')

/** An option value: a number or identifier-like word as it is, anything else a string literal. */
export const optionValue = (value: string): string => (BARE_VALUE.test(value) ? value : quoteLiteral(value))

/** `name = value, …` in key order. */
export const optionList = (o: Readonly<Record<string, string>>): string =>
  Object.keys(o)
    .sort()
    .map((k) => `${optionName(k)} = ${optionValue(o[k] as string)}`)
    .join(', ')
