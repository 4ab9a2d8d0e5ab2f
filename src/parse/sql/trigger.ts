/** CREATE [OR REPLACE] [CONSTRAINT] TRIGGER. */
import type { CreateTrigStmt } from '@pgsql/types'
import type { QualifiedName, Trigger } from '../../ir/objects.js'
import { exprText } from '../../normalize/expr.js'
import { triggerKey } from './state.js'
import { at, qname, strings, type Ctx } from './util.js'

const TIMING_BEFORE = 1 << 1
const TIMING_INSTEAD = 1 << 6
const EVENTS = [
  [1 << 2, 'insert'],
  [1 << 4, 'update'],
  [1 << 3, 'delete'],
  [1 << 5, 'truncate'],
] as const

/** Trigger functions built into pg_catalog. */
const BUILTIN_TRIGGER_FUNCTIONS: ReadonlySet<string> = new Set([
  'tsvector_update_trigger',
  'tsvector_update_trigger_column',
  'suppress_redundant_updates_trigger',
  'unique_key_recheck',
])

const triggerFunction = (c: Ctx, names: CreateTrigStmt['funcname']): QualifiedName | undefined => {
  const q = qname(names)
  const key = c.st.resolve(q.schema, q.name, (k) => c.st.functionsByName.has(k))
  if (key !== undefined) {
    const id = [...(c.st.functionsByName.get(key) ?? [])][0]
    const fn = id ? c.st.functions.get(id) : undefined
    if (fn) return { schema: fn.schema, name: fn.name }
  }
  if ((q.schema === undefined || q.schema === 'pg_catalog') && BUILTIN_TRIGGER_FUNCTIONS.has(q.name))
    return { schema: 'pg_catalog', name: q.name }
  if (q.schema !== undefined && !c.st.schemas.has(q.schema)) return { schema: q.schema, name: q.name }
  c.st.error('E-UNDEFINED-FUNCTION', `function ${q.schema ? `${q.schema}.` : ''}${q.name}() does not exist`, c.span)
  return undefined
}

export const createTrigger = (c: Ctx, n: CreateTrigStmt): void => {
  const rv = n.relation
  if (!rv) return
  const tkey = c.st.relationKeyOf(rv)
  const table = tkey ? c.st.relations.get(tkey) : undefined
  if (!table || (table.kind !== 'Table' && table.kind !== 'View')) {
    c.st.error('E-UNDEFINED-TABLE', `relation "${rv.relname ?? ''}" does not exist`, at(c, rv.location))
    return
  }
  const fn = triggerFunction(c, n.funcname)
  if (!fn) return
  const name = n.trigname ?? ''
  const key = triggerKey(table.schema, table.name, name)
  const prev = c.st.triggers.get(key)
  if (prev && !n.replace) {
    c.st.error('E-DUPLICATE-OBJECT', `trigger "${name}" for relation "${table.name}" already exists`, c.span)
    return
  }
  const timing = n.timing ?? 0
  const events = n.events ?? 0
  let referencingOld: string | undefined
  let referencingNew: string | undefined
  for (const t of n.transitionRels ?? []) {
    if (!('TriggerTransition' in t)) continue
    if (t.TriggerTransition.isNew) referencingNew = t.TriggerTransition.name
    else referencingOld = t.TriggerTransition.name
  }
  const trigger: Trigger = {
    kind: 'Trigger',
    schema: table.schema,
    table: table.name,
    name,
    timing: timing & TIMING_BEFORE ? 'before' : timing & TIMING_INSTEAD ? 'instead of' : 'after',
    events: EVENTS.filter(([bit]) => events & bit).map(([, e]) => e),
    columns: strings(n.columns),
    forEach: n.row ? 'row' : 'statement',
    function: fn,
    arguments: strings(n.args),
    constraint: !!n.isconstraint,
    deferrable: !!n.deferrable,
    initiallyDeferred: !!n.initdeferred,
    enabled: prev?.enabled ?? 'origin',
    ...(n.whenClause ? { when: exprText(n.whenClause) } : {}),
    ...(referencingOld !== undefined ? { referencingOld } : {}),
    ...(referencingNew !== undefined ? { referencingNew } : {}),
    ...(prev?.comment !== undefined ? { comment: prev.comment } : {}),
    span: c.span,
  }
  c.st.setTrigger(key, trigger)
}
