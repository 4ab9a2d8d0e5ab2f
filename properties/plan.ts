/**
 * A plan is the shrinkable skeleton of a pair of catalogs: small numbers and flags only. References
 * between objects are indexes resolved modulo the number of candidates, so that every plan builds a
 * valid catalog and shrinking a plan (fewer elements, smaller numbers) keeps it valid.
 *
 * Every element has a presence: in both catalogs, only in `a` (dropped) or only in `b` (added), and
 * an optional alteration applied on the `b` side. A single catalog is the `a` side of a plan whose
 * presences are all 'both'.
 */
import fc from 'fast-check'

export type Presence = 'both' | 'a' | 'b'

export interface Versioned {
  readonly presence: Presence
  /** alteration on the b side (meaning depends on the element), undefined = unchanged */
  readonly alter: number | undefined
}

export interface SchemaPlan extends Versioned {
  readonly name: number
  readonly comment: number | undefined
}
export interface EnumPlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly labels: ReadonlyArray<number>
  readonly comment: number | undefined
}
export interface DomainPlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly base: number
  readonly notNull: boolean
  readonly check: number | undefined
  readonly default: number | undefined
  readonly comment: number | undefined
}
export interface SequencePlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly type: number
  readonly increment: number
  readonly cache: boolean
  readonly cycle: boolean
  readonly comment: number | undefined
}
export interface ColumnPlan extends Versioned {
  readonly name: number
  readonly type: number
  readonly notNull: boolean
  readonly default: number | undefined
  readonly comment: number | undefined
}
export interface UniquePlan extends Versioned {
  readonly columns: ReadonlyArray<number>
  readonly nullsNotDistinct: boolean
  readonly deferrable: number
  readonly name: number
}
export interface CheckPlan extends Versioned {
  readonly column: number
  readonly variant: number
  readonly name: number
}
export interface ForeignKeyPlan extends Versioned {
  readonly target: number
  readonly columnNames: ReadonlyArray<number>
  readonly onDelete: number
  readonly onUpdate: number
  readonly full: boolean
  readonly deferrable: number
  readonly name: number
}
export interface IndexPlan extends Versioned {
  readonly name: number
  readonly keys: ReadonlyArray<{ readonly column: number; readonly descending: boolean; readonly nullsFlip: boolean }>
  readonly unique: boolean
  readonly partial: boolean
  readonly comment: number | undefined
}
export interface TablePlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly comment: number | undefined
  readonly columns: ReadonlyArray<ColumnPlan>
  /** primary key over the first n builtin-typed columns (0 = none) */
  readonly pkWidth: number
  readonly pkName: number
  readonly pkComment: number | undefined
  readonly uniques: ReadonlyArray<UniquePlan>
  readonly checks: ReadonlyArray<CheckPlan>
  readonly fks: ReadonlyArray<ForeignKeyPlan>
  readonly indexes: ReadonlyArray<IndexPlan>
}
export interface ViewPlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly table: number
  readonly columns: ReadonlyArray<number>
  readonly comment: number | undefined
}
export interface FunctionPlan extends Versioned {
  readonly schema: number
  readonly name: number
  readonly variant: number
  readonly argNames: ReadonlyArray<number>
  readonly volatility: number
  readonly strict: boolean
  readonly comment: number | undefined
}
export interface Plan {
  readonly schemas: ReadonlyArray<SchemaPlan>
  readonly enums: ReadonlyArray<EnumPlan>
  readonly domains: ReadonlyArray<DomainPlan>
  readonly sequences: ReadonlyArray<SequencePlan>
  readonly tables: ReadonlyArray<TablePlan>
  readonly views: ReadonlyArray<ViewPlan>
  readonly functions: ReadonlyArray<FunctionPlan>
}

export interface PlanOptions {
  /** generate drops, additions and alterations (a pair) or one catalog (all 'both', no alteration) */
  readonly pair: boolean
}

const n = (max = 1000) => fc.nat({ max })
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 })
const small = <T>(a: fc.Arbitrary<T>, maxLength: number) => fc.array(a, { maxLength })

/** The versioning fields: constant in single mode, random in pair mode. */
const versioned = (o: PlanOptions): fc.Arbitrary<Versioned> =>
  o.pair
    ? fc.record({
        presence: fc.constantFrom<Presence>('both', 'both', 'both', 'a', 'b'),
        alter: fc.option(fc.nat({ max: 7 }), { nil: undefined, freq: 3 }),
      })
    : fc.constant({ presence: 'both' as Presence, alter: undefined })

const withV = <T extends object>(o: PlanOptions, a: fc.Arbitrary<T>): fc.Arbitrary<T & Versioned> =>
  fc.tuple(a, versioned(o)).map(([x, v]) => ({ ...x, ...v }))

export const planArbitrary = (o: PlanOptions): fc.Arbitrary<Plan> => {
  const comment = opt(n(20))
  const schema = withV(o, fc.record({ name: n(), comment }))
  const enm = withV(o, fc.record({ schema: n(3), name: n(), labels: fc.array(n(20), { minLength: 1, maxLength: 4 }), comment }))
  const domain = withV(
    o,
    fc.record({ schema: n(3), name: n(), base: n(3), notNull: fc.boolean(), check: opt(n(3)), default: opt(n(3)), comment }),
  )
  const sequence = withV(
    o,
    fc.record({ schema: n(3), name: n(), type: n(2), increment: n(3), cache: fc.boolean(), cycle: fc.boolean(), comment }),
  )
  const column = withV(o, fc.record({ name: n(), type: n(20), notNull: fc.boolean(), default: opt(n(5)), comment }))
  const unique = withV(
    o,
    fc.record({ columns: fc.array(n(10), { minLength: 1, maxLength: 2 }), nullsNotDistinct: fc.boolean(), deferrable: n(2), name: n() }),
  )
  const check = withV(o, fc.record({ column: n(10), variant: n(3), name: n() }))
  const fk = withV(
    o,
    fc.record({
      target: n(10),
      columnNames: fc.array(n(), { minLength: 2, maxLength: 2 }),
      onDelete: n(4),
      onUpdate: n(4),
      full: fc.boolean(),
      deferrable: n(2),
      name: n(),
    }),
  )
  const index = withV(
    o,
    fc.record({
      name: n(),
      keys: fc.array(fc.record({ column: n(10), descending: fc.boolean(), nullsFlip: fc.boolean() }), { minLength: 1, maxLength: 2 }),
      unique: fc.boolean(),
      partial: fc.boolean(),
      comment,
    }),
  )
  const table = withV(
    o,
    fc.record({
      schema: n(3),
      name: n(),
      comment,
      columns: fc.array(column, { minLength: 1, maxLength: 5 }),
      pkWidth: n(2),
      pkName: n(),
      pkComment: comment,
      uniques: small(unique, 1),
      checks: small(check, 2),
      fks: small(fk, 1),
      indexes: small(index, 2),
    }),
  )
  const view = withV(o, fc.record({ schema: n(3), name: n(), table: n(10), columns: fc.array(n(10), { minLength: 1, maxLength: 3 }), comment }))
  const fn = withV(
    o,
    fc.record({
      schema: n(3),
      name: n(),
      variant: n(4),
      argNames: fc.array(n(), { minLength: 2, maxLength: 2 }),
      volatility: n(2),
      strict: fc.boolean(),
      comment,
    }),
  )
  return fc.record({
    schemas: small(schema, 2),
    enums: small(enm, 2),
    domains: small(domain, 2),
    sequences: small(sequence, 2),
    tables: small(table, 4),
    views: small(view, 2),
    functions: small(fn, 2),
  })
}
