/** Row-level security policies; USING and WITH CHECK in server normal form, made canonical. */
import type { Policy, PolicyCommand } from '../ir/objects.js'
import { canonicalExpr } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { userRelation } from './filters.js'
import { roleName } from './read-acl.js'
import { bool, opt, optStr, str, strArray, type Row } from './rows.js'

const POLICIES = `
SELECT n.nspname AS schema, c.relname AS table, p.polname AS name, p.polpermissive AS permissive,
       p.polcmd::pg_catalog.text AS cmd,
       (SELECT pg_catalog.json_agg(${roleName('o.oid')}) FROM pg_catalog.unnest(p.polroles) o(oid)) AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check,
       pg_catalog.obj_description(p.oid, 'pg_policy') AS comment
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE ${userRelation('c', 'n')}`

const COMMANDS: Readonly<Record<string, PolicyCommand>> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const

const canonical = (v: unknown): string | undefined => {
  const text = optStr(v)
  return text === undefined ? undefined : canonicalExpr(text)
}

export const readPolicies = async (db: Queryable): Promise<ReadonlyArray<Policy>> =>
  (await db.query<Row>(POLICIES)).rows.map((r): Policy => {
    const command = COMMANDS[str(r.cmd)]
    if (command === undefined) throw new Error(`inspect: unexpected polcmd ${str(r.cmd)}`)
    return Object.freeze({
      kind: 'Policy',
      schema: str(r.schema),
      table: str(r.table),
      name: str(r.name),
      permissive: bool(r.permissive),
      command,
      roles: Object.freeze([...strArray(r.roles)].sort()),
      ...opt('using', canonical(r.using)),
      ...opt('check', canonical(r.check)),
      ...opt('comment', optStr(r.comment)),
    })
  })
