/**
 * Built-in knowledge the server-form analyser needs (server-form.ts): the numeric promotion
 * ladder, the string types, operator families, and the signatures of common built-in functions
 * (canonical type texts, as format_type prints them).
 */

/** Implicit promotion order of the numeric types (integer types have cross-type operators). */
export const NUMERIC_RANK: Readonly<Record<string, number>> = {
  smallint: 0,
  integer: 1,
  bigint: 2,
  numeric: 3,
  real: 4,
  'double precision': 5,
}

const STRING_TYPES: ReadonlySet<string> = new Set(['text', 'character varying', 'character'])
export const isStringType = (t: string): boolean => STRING_TYPES.has(t)

export type OperatorClass = 'compare' | 'arith' | 'concat' | 'regex' | 'like' | 'json'

const OPERATORS: Readonly<Record<string, OperatorClass>> = {
  '=': 'compare',
  '<>': 'compare',
  '<': 'compare',
  '>': 'compare',
  '<=': 'compare',
  '>=': 'compare',
  '+': 'arith',
  '-': 'arith',
  '*': 'arith',
  '/': 'arith',
  '%': 'arith',
  '||': 'concat',
  '~': 'regex',
  '~*': 'regex',
  '!~': 'regex',
  '!~*': 'regex',
  '~~': 'like',
  '~~*': 'like',
  '!~~': 'like',
  '!~~*': 'like',
  '->>': 'json',
  '->': 'json',
  '?': 'json',
}
export const operatorClass = (name: string): OperatorClass | undefined => OPERATORS[name]

export interface Signature {
  readonly args: ReadonlyArray<string>
  readonly returns: string | undefined
}
const sig = (args: ReadonlyArray<string>, returns: string | undefined): Signature => ({ args, returns })

/** Built-in functions with a single signature for their usual arity. */
export const BUILTIN_FUNCTIONS: Readonly<Record<string, Signature>> = {
  lower: sig(['text'], 'text'),
  upper: sig(['text'], 'text'),
  initcap: sig(['text'], 'text'),
  length: sig(['text'], 'integer'),
  char_length: sig(['text'], 'integer'),
  character_length: sig(['text'], 'integer'),
  octet_length: sig(['text'], 'integer'),
  btrim: sig(['text'], 'text'),
  md5: sig(['text'], 'text'),
  left: sig(['text', 'integer'], 'text'),
  right: sig(['text', 'integer'], 'text'),
  nextval: sig(['regclass'], 'bigint'),
  currval: sig(['regclass'], 'bigint'),
  current_setting: sig(['text'], 'text'),
  now: sig([], 'timestamp with time zone'),
  clock_timestamp: sig([], 'timestamp with time zone'),
  statement_timestamp: sig([], 'timestamp with time zone'),
  transaction_timestamp: sig([], 'timestamp with time zone'),
  gen_random_uuid: sig([], 'uuid'),
  random: sig([], 'double precision'),
  to_tsvector: sig(['regconfig', 'text'], 'tsvector'),
  jsonb_typeof: sig(['jsonb'], 'text'),
  jsonb_array_length: sig(['jsonb'], 'integer'),
}
