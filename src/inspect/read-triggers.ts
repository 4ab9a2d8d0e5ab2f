/**
 * User triggers (not internal ones, and not the clones a partition receives from its parent).
 * Timing, events and row/statement come from tgtype bits; arguments, WHEN and transition tables
 * from parsing pg_get_triggerdef.
 */
import type { Trigger } from '../ir/objects.js'
import { exprText } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { parseOne, strings } from './ast.js'
import { bool, int, opt, optStr, str, strArray, type Row } from './rows.js'

const TRIGGERS = `
SELECT n.nspname AS schema, c.relname AS table, t.tgname AS name, t.tgtype AS type,
       t.tgenabled::pg_catalog.text AS enabled, t.tgconstraint <> 0 AS isconstraint,
       t.tgdeferrable AS deferrable, t.tginitdeferred AS deferred,
       fn.nspname AS fschema, f.proname AS fname, pg_catalog.pg_get_triggerdef(t.oid) AS def,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.o) FROM pg_catalog.unnest(t.tgattr::pg_catalog.int2[]) WITH ORDINALITY k(num, o)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.num) AS columns,
       pg_catalog.obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc f ON f.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${userRelation('c', 'n')}`

/** tgtype bits (src/include/catalog/pg_trigger.h) */
const ROW = 1
const BEFORE = 2
const INSTEAD = 64
const EVENT_BITS = [
  ['insert', 4],
  ['update', 16],
  ['delete', 8],
  ['truncate', 32],
] as const

const ENABLED = { O: 'origin', D: 'disabled', R: 'replica', A: 'always' } as const

const triggerOf = (r: Row): Trigger => {
  const type = int(r.type)
  const def = str(r.def)
  const node = parseOne(def)
  if (!('CreateTrigStmt' in node)) throw new Error(`inspect: unexpected trigger ${def}`)
  const s = node.CreateTrigStmt
  const transition = (isNew: boolean): string | undefined => {
    for (const t of s.transitionRels ?? []) if ('TriggerTransition' in t && !!t.TriggerTransition.isNew === isNew) return t.TriggerTransition.name
    return undefined
  }
  const enabled = str(r.enabled)
  if (!(enabled in ENABLED)) throw new Error(`inspect: unexpected tgenabled ${enabled}`)
  return Object.freeze({
    kind: 'Trigger',
    schema: str(r.schema),
    table: str(r.table),
    name: str(r.name),
    timing: type & INSTEAD ? 'instead of' : type & BEFORE ? 'before' : 'after',
    events: Object.freeze(EVENT_BITS.filter(([, bit]) => (type & bit) !== 0).map(([e]) => e)),
    columns: Object.freeze(strArray(r.columns)),
    forEach: type & ROW ? 'row' : 'statement',
    function: Object.freeze({ schema: str(r.fschema), name: str(r.fname) }),
    arguments: Object.freeze(strings(s.args)),
    constraint: bool(r.isconstraint),
    deferrable: bool(r.deferrable),
    initiallyDeferred: bool(r.deferred),
    enabled: ENABLED[enabled as keyof typeof ENABLED],
    ...opt('when', s.whenClause ? exprText(s.whenClause) : undefined),
    ...opt('referencingOld', transition(false)),
    ...opt('referencingNew', transition(true)),
    ...opt('comment', optStr(r.comment)),
  })
}

export const readTriggers = async (db: Queryable): Promise<ReadonlyArray<Trigger>> =>
  (await db.query<Row>(TRIGGERS)).rows.map(triggerOf)
