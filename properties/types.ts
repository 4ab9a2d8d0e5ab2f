/**
 * The built-in types the generator uses, with default and check expressions that make sense for each
 * (in the server's normal form, as pg_get_expr prints them — see src/normalize/server-form.ts —
 * so that the SQL interpreter reads them back unchanged; the builder canonicalises them). `c` in a check template is replaced by the quoted column.
 */
export interface BuiltinType {
  readonly name: string
  readonly defaults: ReadonlyArray<string>
  readonly checks: ReadonlyArray<string>
  /** the type a column of this type may be altered to (a change PostgreSQL can make in place) */
  readonly alterTo?: string
}

export const BUILTIN_TYPES: ReadonlyArray<BuiltinType> = [
  { name: 'integer', defaults: ['0', '42', "'-1'::integer"], checks: ['c > 0', 'c <> 42', 'c >= 0 AND c <= 100'], alterTo: 'bigint' },
  { name: 'bigint', defaults: ['0', '1'], checks: ['c > 0', 'c <> 42'], alterTo: 'integer' },
  { name: 'text', defaults: ["'hello'::text", "'it''s'::text", "''::text"], checks: ['length(c) > 0', "c <> ''::text"], alterTo: 'character varying(40)' },
  { name: 'character varying(40)', defaults: ["'x'::character varying"], checks: ['char_length(c::text) <= 40'], alterTo: 'text' },
  { name: 'numeric(10,2)', defaults: ['0', '1.5'], checks: ['c >= 0::numeric'] },
  { name: 'timestamp with time zone', defaults: ['now()', 'CURRENT_TIMESTAMP'], checks: ["c > '2000-01-01'"] },
  { name: 'boolean', defaults: ['true', 'false'], checks: ['c IS NOT NULL', 'c'] },
  { name: 'uuid', defaults: ['gen_random_uuid()'], checks: ['c IS NOT NULL'] },
  { name: 'jsonb', defaults: ["'{}'::jsonb", "'[]'::jsonb"], checks: ["jsonb_typeof(c) = 'object'::text"] },
  { name: 'text[]', defaults: ["'{}'::text[]", "ARRAY['a']"], checks: ['cardinality(c) < 10'] },
]

export const builtinByName = (name: string): BuiltinType | undefined => BUILTIN_TYPES.find((t) => t.name === name)

/** Base types for domains, with a check on VALUE and a default. */
export const DOMAIN_BASES: ReadonlyArray<{ readonly name: string; readonly checks: ReadonlyArray<string>; readonly defaults: ReadonlyArray<string> }> = [
  { name: 'integer', checks: ['VALUE > 0', 'VALUE < 1000'], defaults: ['1', '7'] },
  { name: 'text', checks: ["VALUE <> ''::text", 'length(VALUE) < 100'], defaults: ["'x'::text", "'it''s'::text"] },
  { name: 'numeric(10,2)', checks: ['VALUE >= 0::numeric'], defaults: ['0'] },
  { name: 'boolean', checks: ['VALUE IS NOT NULL'], defaults: ['false'] },
]

export const FK_ACTIONS = ['no action', 'restrict', 'cascade', 'set null', 'set default'] as const
export const VOLATILITIES = ['volatile', 'stable', 'immutable'] as const
export const SEQUENCE_TYPES = [
  { name: 'smallint', min: '-32768', max: '32767' },
  { name: 'integer', min: '-2147483648', max: '2147483647' },
  { name: 'bigint', min: '-9223372036854775808', max: '9223372036854775807' },
] as const
export const SEQUENCE_INCREMENTS = ['1', '-1', '5', '10'] as const
