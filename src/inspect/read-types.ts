/** Enums, domains and composite types. */
import type { PgVersion } from '../ir/catalog.js'
import type { Column, CompositeType, Domain, Enum } from '../ir/objects.js'
import { canonicalExpr } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { collationOf, collationText, notExtensionMember, userSchema } from './filters.js'
import { aclJson, objectAcl } from './read-acl.js'
import { bool, jsonArray, opt, optStr, str, strArray, type Row } from './rows.js'

const userType = `${userSchema('n')} AND ${notExtensionMember('pg_type', 't.oid')}`

const ENUMS = `
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       (SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels,
       pg_catalog.obj_description(t.oid, 'pg_type') AS comment, ${aclJson('t.typacl')} AS acl
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${userType}`

const DOMAINS = `
SELECT n.nspname AS schema, t.typname AS name, pg_catalog.pg_get_userbyid(t.typowner) AS owner,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull AS notnull,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default,
       CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN ${collationText('co', 'con')} END AS collation,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(k.conname, pg_catalog.pg_get_constraintdef(k.oid), k.convalidated,
                                                       pg_catalog.obj_description(k.oid, 'pg_constraint')) ORDER BY k.conname)
          FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks,
       pg_catalog.obj_description(t.oid, 'pg_type') AS comment, ${aclJson('t.typacl')} AS acl
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
WHERE t.typtype = 'd' AND ${userType}`

const COMPOSITES = `
SELECT t.typrelid::pg_catalog.text AS relid, n.nspname AS schema, t.typname AS name,
       pg_catalog.pg_get_userbyid(t.typowner) AS owner, pg_catalog.obj_description(t.oid, 'pg_type') AS comment, ${aclJson('t.typacl')} AS acl
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
WHERE t.typtype = 'c' AND c.relkind = 'c' AND ${userType}`

export const readEnums = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Enum>> =>
  (await db.query<Row>(ENUMS)).rows.map(
    (r): Enum =>
      Object.freeze({
        kind: 'Enum',
        schema: str(r.schema),
        name: str(r.name),
        owner: str(r.owner),
        values: Object.freeze(strArray(r.labels)),
        ...opt('comment', optStr(r.comment)),
        ...opt('acl', objectAcl('type', str(r.owner), r.acl, v)),
      }),
  )

/** `CHECK (expr)` or `CHECK (expr) NOT VALID` as printed by pg_get_constraintdef → expr. */
export const checkBody = (def: string): string => {
  const m = /^CHECK \(([\s\S]*)\)( NOT VALID)?$/.exec(def)
  if (!m || m[1] === undefined) throw new Error(`inspect: unexpected check ${def}`)
  return m[1]
}

export const readDomains = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Domain>> =>
  (await db.query<Row>(DOMAINS)).rows.map((r): Domain => {
    const checks = jsonArray(r.checks).map((c) => {
      const [name, def, validated, comment] = jsonArray(c)
      return Object.freeze({
        name: str(name),
        expression: canonicalExpr(checkBody(str(def))),
        notValid: !bool(validated),
        ...opt('comment', optStr(comment)),
      })
    })
    const dflt = optStr(r.default)
    return Object.freeze({
      kind: 'Domain',
      schema: str(r.schema),
      name: str(r.name),
      owner: str(r.owner),
      baseType: str(r.base),
      notNull: bool(r.notnull),
      checks: Object.freeze(checks),
      ...opt('default', dflt === undefined ? undefined : canonicalExpr(dflt)),
      ...opt('collation', collationOf(r.collation)),
      ...opt('comment', optStr(r.comment)),
      ...opt('acl', objectAcl('type', str(r.owner), r.acl, v)),
    })
  })

export const readComposites = async (
  db: Queryable,
  columns: ReadonlyMap<string, ReadonlyArray<Column>>,
  v: PgVersion,
): Promise<ReadonlyArray<CompositeType>> =>
  (await db.query<Row>(COMPOSITES)).rows.map(
    (r): CompositeType =>
      Object.freeze({
        kind: 'CompositeType',
        schema: str(r.schema),
        name: str(r.name),
        owner: str(r.owner),
        attributes: Object.freeze(
          (columns.get(str(r.relid)) ?? []).map((c) =>
            Object.freeze({ name: c.name, type: c.type, ...opt('collation', c.collation), ...opt('comment', c.comment) }),
          ),
        ),
        ...opt('comment', optStr(r.comment)),
        ...opt('acl', objectAcl('type', str(r.owner), r.acl, v)),
      }),
  )
