/**
 * HCL numbers: arbitrary precision in HCL, here exact for integers of any size (BigInt, kept as
 * decimal text) and IEEE doubles otherwise. Integer-valued results are always written as plain
 * decimal integers, so `1.5e3` and `1500` are the same number with the same text.
 */
import type { Span } from '../../../ir/span.js'
import type { Value } from './value.js'

export type NumberValue = Extract<Value, { kind: 'number' }>

const INTEGER = /^-?\d+$/
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

export const fromBigInt = (n: bigint, span: Span): NumberValue => ({ kind: 'number', value: Number(n), text: n.toString(), span })

/** A double as a number value; undefined when not finite. */
export const fromDouble = (x: number, span: Span): NumberValue | undefined => {
  if (!Number.isFinite(x)) return undefined
  if (Number.isInteger(x)) return fromBigInt(BigInt(x), span)
  return { kind: 'number', value: x, text: String(x), span }
}

/** Parse a decimal literal (`12`, `1.5`, `1.5e3`, `-2`); undefined when it is not one. */
export const parseNumber = (text: string, span: Span): NumberValue | undefined => {
  const t = text.trim()
  const m = DECIMAL.exec(t)
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return undefined
  const sign = m[1] === '-' ? -1n : 1n
  const frac = m[3] ?? ''
  const digits = (m[2] ?? '') + frac
  const exp = Number(m[4] ?? '0') - frac.length
  // exact when the value is an integer (also `1.50e2`, `2.0`): keep it as a BigInt
  if (exp >= 0 && exp < 10000) return fromBigInt(sign * BigInt(digits || '0') * 10n ** BigInt(exp), span)
  if (exp < 0) {
    const cut = digits.length + exp
    const tail = cut > 0 ? digits.slice(cut) : digits
    if (/^0*$/.test(tail)) return fromBigInt(sign * BigInt(cut > 0 ? digits.slice(0, cut) : '0'), span)
  }
  return fromDouble(Number(t), span)
}

export const isInteger = (n: NumberValue): boolean => INTEGER.test(n.text)

/** Exact integer comparison when both are integers, double comparison otherwise. */
export const compareNumbers = (a: NumberValue, b: NumberValue): number => {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a.text)
    const y = BigInt(b.text)
    return x < y ? -1 : x > y ? 1 : 0
  }
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0
}

export type ArithOp = '+' | '-' | '*' | '/' | '%'

/** Arithmetic; a string is returned for an error (division by zero, overflow to infinity). */
export const arith = (op: ArithOp, a: NumberValue, b: NumberValue, span: Span): NumberValue | string => {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a.text)
    const y = BigInt(b.text)
    switch (op) {
      case '+':
        return fromBigInt(x + y, span)
      case '-':
        return fromBigInt(x - y, span)
      case '*':
        return fromBigInt(x * y, span)
      case '/':
        if (y === 0n) return 'division by zero'
        if (x % y === 0n) return fromBigInt(x / y, span)
        break
      case '%':
        if (y === 0n) return 'modulo by zero'
        return fromBigInt(x % y, span)
    }
  }
  if ((op === '/' || op === '%') && b.value === 0) return op === '/' ? 'division by zero' : 'modulo by zero'
  const r = op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : op === '/' ? a.value / b.value : a.value % b.value
  return fromDouble(r, span) ?? 'result is not a finite number'
}

export const negate = (a: NumberValue, span: Span): NumberValue =>
  isInteger(a) ? fromBigInt(-BigInt(a.text), span) : { kind: 'number', value: -a.value, text: String(-a.value), span }
