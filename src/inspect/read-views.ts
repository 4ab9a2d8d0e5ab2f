/** Views and materialized views: canonical query, output columns, options, column comments. */
import type { PgVersion } from '../ir/catalog.js'
import type { Acl, Column, MaterializedView, View } from '../ir/objects.js'
import { viewQuery } from './view-text.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { aclJson, objectAcl } from './read-acl.js'
import { bool, opt, optStr, optionsOf, str, type Row } from './rows.js'

const VIEWS = `
SELECT c.oid::pg_catalog.text AS relid, c.relkind::pg_catalog.text AS relkind, n.nspname AS schema,
       c.relname AS name, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       pg_catalog.pg_get_viewdef(c.oid) AS def, pg_catalog.to_json(c.reloptions) AS options,
       c.relispopulated AS populated, pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
       ${aclJson('c.relacl')} AS acl
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${userRelation('c', 'n')}`

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'on', 'yes', '1', 't', 'y'])
const isTrue = (v: string | undefined): boolean => v !== undefined && TRUE_WORDS.has(v.toLowerCase())

const columnComments = (cols: ReadonlyArray<Column>): Readonly<Record<string, string>> | undefined => {
  const entries = cols.flatMap((c) => (c.comment === undefined ? [] : [[c.name, c.comment] as const]))
  return entries.length === 0 ? undefined : Object.freeze(Object.fromEntries(entries))
}

const columnAcls = (cols: ReadonlyArray<Column>): Readonly<Record<string, Acl>> | undefined => {
  const entries = cols.flatMap((c) => (c.acl === undefined ? [] : [[c.name, c.acl] as const])).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return entries.length === 0 ? undefined : Object.freeze(Object.fromEntries(entries))
}

export const readViews = async (
  db: Queryable,
  columns: ReadonlyMap<string, ReadonlyArray<Column>>,
  v: PgVersion,
  /** the server's own major version: view text differs up to 15 (see view-text.ts) */
  major: number,
): Promise<ReadonlyArray<View | MaterializedView>> =>
  (await db.query<Row>(VIEWS)).rows.map((r): View | MaterializedView => {
    const cols = columns.get(str(r.relid)) ?? []
    const base = {
      schema: str(r.schema),
      name: str(r.name),
      owner: str(r.owner),
      query: viewQuery(str(r.def), major),
      columns: Object.freeze(cols.map((c) => c.name)),
    }
    const tail = {
      ...opt('columnComments', columnComments(cols)),
      ...opt('columnAcls', columnAcls(cols)),
      ...opt('comment', optStr(r.comment)),
      ...opt('acl', objectAcl('table', str(r.owner), r.acl, v)),
    }
    if (str(r.relkind) === 'm') return Object.freeze({ kind: 'MaterializedView', ...base, withData: bool(r.populated), ...tail })
    const o = optionsOf(r.options) ?? {}
    const check = o['check_option']
    const checkOption: 'local' | 'cascaded' | undefined = check === 'local' || check === 'cascaded' ? check : undefined
    return Object.freeze({
      kind: 'View',
      ...base,
      ...opt('checkOption', checkOption),
      ...opt('securityBarrier', isTrue(o['security_barrier']) ? true : undefined),
      ...opt('securityInvoker', isTrue(o['security_invoker']) ? true : undefined),
      ...tail,
    })
  })
