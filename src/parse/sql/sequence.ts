/** CREATE SEQUENCE / ALTER SEQUENCE, and the sequence parameters shared with identity columns. */
import type { AlterSeqStmt, CreateSeqStmt, DefElem, Node } from '@pgsql/types'
import { relationKey } from '../../ir/names.js'
import type { Identity, Sequence } from '../../ir/objects.js'
import { argText, at, defElems, listItems, strings, typeText, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'
import { clean } from './state.js'

export interface SeqParams {
  readonly dataType: string
  readonly start: string
  readonly increment: string
  readonly minValue: string
  readonly maxValue: string
  readonly cache: string
  readonly cycle: boolean
}

const BOUNDS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}
const boundsOf = (t: string): readonly [bigint, bigint] => BOUNDS[t] ?? BOUNDS['bigint']!

/** What a list of sequence options says besides the parameters. */
export interface SeqExtras {
  /** OWNED BY: ['none'] or [schema?, table, column] */
  readonly ownedBy?: ReadonlyArray<string>
  readonly sequenceName?: ReadonlyArray<string>
  readonly logged?: boolean
}

const big = (s: string | undefined, fallback: bigint): bigint => {
  if (s === undefined) return fallback
  try {
    return BigInt(s)
  } catch {
    return fallback
  }
}

/**
 * Apply sequence options to `base` (or to the defaults of `defaultType` when creating), as
 * PostgreSQL's init_params does: unspecified bounds follow the type and the sign of the increment.
 */
export const seqParams = (
  c: Ctx,
  base: SeqParams | undefined,
  options: ReadonlyArray<Node> | undefined,
  defaultType = 'bigint',
): { params: SeqParams; extras: SeqExtras } => {
  const opts = new Map<string, DefElem>()
  let ownedBy: string[] | undefined
  let sequenceName: string[] | undefined
  let logged: boolean | undefined
  for (const d of defElems(options)) {
    const name = d.defname ?? ''
    if (name === 'owned_by') ownedBy = strings(listItems(d.arg))
    else if (name === 'sequence_name') sequenceName = strings(listItems(d.arg))
    else if (name === 'logged' || name === 'unlogged') logged = name === 'logged'
    else opts.set(name, d)
  }
  const asOpt = opts.get('as')
  const dataType =
    asOpt?.arg && 'TypeName' in asOpt.arg ? typeText(c, asOpt.arg.TypeName) : (base?.dataType ?? defaultType)
  const [tmin, tmax] = boundsOf(dataType)
  const typeChanged = base !== undefined && base.dataType !== dataType
  const [omin, omax] = base ? boundsOf(base.dataType) : [tmin, tmax]
  const inc = opts.has('increment') ? big(argText(opts.get('increment')!.arg), 1n) : big(base?.increment, 1n)
  const maxOpt = opts.get('maxvalue')
  const minOpt = opts.get('minvalue')
  const maxValue =
    maxOpt?.arg !== undefined
      ? big(argText(maxOpt.arg), tmax)
      : !base || maxOpt || (typeChanged && big(base.maxValue, 0n) === omax)
        ? inc > 0n ? tmax : -1n
        : big(base.maxValue, tmax)
  const minValue =
    minOpt?.arg !== undefined
      ? big(argText(minOpt.arg), 1n)
      : !base || minOpt || (typeChanged && big(base.minValue, 0n) === omin)
        ? inc > 0n ? 1n : tmin
        : big(base.minValue, 1n)
  const startOpt = opts.get('start')
  const start =
    startOpt?.arg !== undefined
      ? big(argText(startOpt.arg), minValue)
      : base
        ? big(base.start, minValue)
        : inc > 0n ? minValue : maxValue
  const cache = opts.has('cache') ? big(argText(opts.get('cache')!.arg), 1n) : big(base?.cache, 1n)
  const cycleOpt = opts.get('cycle')
  const cycle = cycleOpt ? argText(cycleOpt.arg) !== 'false' : (base?.cycle ?? false)
  const extras: { ownedBy?: string[]; sequenceName?: string[]; logged?: boolean } = {}
  if (ownedBy) extras.ownedBy = ownedBy
  if (sequenceName) extras.sequenceName = sequenceName
  if (logged !== undefined) extras.logged = logged
  return {
    params: {
      dataType,
      start: String(start),
      increment: String(inc),
      minValue: String(minValue),
      maxValue: String(maxValue),
      cache: String(cache),
      cycle,
    },
    extras,
  }
}

export const identityOf = (generation: Identity['generation'], sequence: string, p: SeqParams): Identity => ({
  generation,
  sequence,
  start: p.start,
  increment: p.increment,
  minValue: p.minValue,
  maxValue: p.maxValue,
  cache: p.cache,
  cycle: p.cycle,
})

/** Resolve OWNED BY [schema.]table.column to the owning column, with diagnostics. */
const ownedByOf = (c: Ctx, parts: ReadonlyArray<string>, seqSchema: string): Sequence['ownedBy'] | 'none' | undefined => {
  if (parts.length === 1 && parts[0] === 'none') return 'none'
  const column = parts[parts.length - 1] ?? ''
  const table = parts[parts.length - 2] ?? ''
  const schema = parts.length > 2 ? parts[parts.length - 3] : undefined
  const key = c.st.resolve(schema, table, (k) => c.st.relations.get(k)?.kind === 'Table')
  const t = key ? c.st.relations.get(key) : undefined
  if (!t || t.kind !== 'Table') {
    c.st.error('E-UNDEFINED-TABLE', `relation "${table}" does not exist`, c.span)
    return undefined
  }
  if (t.schema !== seqSchema) {
    c.st.error('E-OWNED-BY', 'sequence must be in same schema as table it is linked to', c.span)
    return undefined
  }
  if (!t.columns.some((col) => col.name === column)) {
    c.st.error('E-UNDEFINED-COLUMN', `column "${column}" of relation "${table}" does not exist`, c.span)
    return undefined
  }
  return { schema: t.schema, table: t.name, column }
}

export const createSequence = (c: Ctx, n: CreateSeqStmt): void => {
  const rv = n.sequence
  if (!rv) return
  if (rv.relpersistence === 't') return c.st.warn('W-UNSUPPORTED', 'temporary sequences are skipped', c.span)
  const schema = c.st.creationSchema(rv.schemaname, at(c, rv.location))
  if (schema === undefined) return
  const name = rv.relname ?? ''
  if (c.st.relationNameTaken(schema, name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, at(c, rv.location))
    return
  }
  const { params, extras } = seqParams(c, undefined, n.options)
  const seq: Sequence = {
    kind: 'Sequence',
    schema,
    name,
    owner: c.st.role,
    ...params,
    persistence: rv.relpersistence === 'u' ? 'unlogged' : 'permanent',
    ...creationAcl(c.st, 'sequence', c.st.role, schema),
    span: c.span,
  }
  c.st.setRelation(relationKey(schema, name), seq)
  if (extras.ownedBy) setOwnedBy(c, relationKey(schema, name), extras.ownedBy)
}

const setOwnedBy = (c: Ctx, key: string, parts: ReadonlyArray<string>): void => {
  const seq = c.st.relations.get(key)
  if (seq?.kind !== 'Sequence') return
  const owned = ownedByOf(c, parts, seq.schema)
  if (owned === undefined) return
  const { ownedBy: _drop, ...rest } = seq
  c.st.setRelation(key, owned === 'none' ? rest : { ...rest, ownedBy: owned })
}

export const alterSequence = (c: Ctx, n: AlterSeqStmt): void => {
  const rv = n.sequence
  if (!rv) return
  const key = c.st.relationKeyOf(rv)
  const seq = key ? c.st.relations.get(key) : undefined
  if (!key || !seq || seq.kind !== 'Sequence') {
    if (!n.missing_ok) c.st.error('E-UNDEFINED-TABLE', `relation "${rv.relname}" does not exist`, at(c, rv.location))
    return
  }
  const { params, extras } = seqParams(c, seq, n.options)
  const next: Sequence = clean({
    ...seq,
    ...params,
    persistence: extras.logged === undefined ? seq.persistence : extras.logged ? 'permanent' : 'unlogged',
  })
  c.st.setRelation(key, next)
  if (extras.ownedBy) setOwnedBy(c, key, extras.ownedBy)
}
