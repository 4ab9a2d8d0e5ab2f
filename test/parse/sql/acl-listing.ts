/**
 * The same access-control listing from a server and from a loaded catalog, to compare them line by
 * line: every object's effective ACL (aclexplode of coalesce(acl, acldefault)), column ACLs,
 * pg_default_acl rows, RLS flags and policies (expressions as pg_get_expr prints them with an
 * empty search_path).
 */
import type { Catalog } from '../../../src/ir/catalog.js'
import { signatureTypes } from '../../../src/ir/identity.js'
import type { Acl } from '../../../src/ir/objects.js'
import { aclDefault, effectiveAcl } from '../../../src/normalize/acl.js'
import type { Queryable } from '../../../src/inspect/index.js'
import { canonicalExpr } from '../../../src/normalize/expr.js'

const NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_'`
const who = (oid: string) => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(${oid})::text END`
const explode = (key: string, acl: string) =>
  `SELECT ${key} || ' | ' || ${who('x.grantee')} || ' | ' || x.privilege_type || ' | ' || ${who('x.grantor')} || ' | ' || CASE WHEN x.is_grantable THEN 'YES' ELSE 'NO' END AS line FROM aclexplode(${acl}) x`

export const SERVER_SQL = `
WITH objs(key, acl) AS (
  SELECT 'database', coalesce(d.datacl, acldefault('d', d.datdba)) FROM pg_database d WHERE d.datname = current_database()
  UNION ALL SELECT 'schema ' || n.nspname, coalesce(n.nspacl, acldefault('n', n.nspowner)) FROM pg_namespace n WHERE ${NS}
  UNION ALL SELECT 'relation ' || n.nspname || '.' || c.relname,
      coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S') AND ${NS}
     -- identity sequences are part of their column in the IR
     AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i'))
  UNION ALL SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname, a.attacl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${NS}
  UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
      coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${NS}
  UNION ALL SELECT 'type ' || n.nspname || '.' || t.typname, coalesce(t.typacl, acldefault('T', t.typowner))
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${NS} AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
  UNION ALL SELECT 'default ' || pg_get_userbyid(d.defaclrole) || ' ' || coalesce(n.nspname, '') || ' ' || d.defaclobjtype::text, d.defaclacl
    FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
)
SELECT line FROM (
  SELECT e.line FROM objs, LATERAL (${explode('objs.key', 'objs.acl')}) e
  UNION ALL SELECT 'rls ' || n.nspname || '.' || c.relname || ' | ' || c.relrowsecurity || ' | ' || c.relforcerowsecurity
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND ${NS}
) s ORDER BY line COLLATE "C"`

/** The listing of a server database (search_path emptied so that expressions print qualified). */
export const serverListing = async (db: Queryable): Promise<string[]> => {
  await db.query(`SET search_path = ''`)
  const r = await db.query<{ line: string }>(SERVER_SQL)
  const p = await db.query<{ s: string; t: string; n: string; permissive: string; cmd: string; roles: string; qual: string | null; check: string | null }>(
    `SELECT schemaname AS s, tablename AS t, policyname AS n, permissive, cmd, array_to_string(roles, ',') AS roles, qual, with_check AS check FROM pg_policies`,
  )
  await db.query('RESET search_path')
  const ex = (e: string | null): string => (e === null ? '-' : canonicalExpr(e))
  const policies = p.rows.map((x) => `policy ${x.s}.${x.t}.${x.n} | ${x.permissive} | ${x.cmd} | ${x.roles} | ${ex(x.qual)} | ${ex(x.check)}`)
  return [...r.rows.map((x) => x.line), ...policies].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

const aclLines = (key: string, acl: Acl): string[] =>
  acl.map((i) => `${key} | ${i.grantee} | ${i.privilege} | ${i.grantor} | ${i.grantable ? 'YES' : 'NO'}`)

const DEFACL_TYPE = { tables: 'r', sequences: 'S', functions: 'f', types: 'T', schemas: 'n' } as const

/** The same listing from a catalog (the database owned by `initialRole` unless the catalog says otherwise). */
export const catalogListing = (c: Catalog, initialRole = 'postgres'): string[] => {
  const out: string[] = []
  const v = c.pgVersion
  let database = false
  for (const o of c.objects.values()) {
    switch (o.kind) {
      case 'Database':
        database = true
        out.push(...aclLines('database', effectiveAcl(o, v)))
        break
      case 'Schema':
        out.push(...aclLines(`schema ${o.name}`, effectiveAcl(o, v)))
        break
      case 'Table':
        out.push(...aclLines(`relation ${o.schema}.${o.name}`, effectiveAcl(o, v)))
        for (const col of o.columns) if (col.acl) out.push(...aclLines(`column ${o.schema}.${o.name}.${col.name}`, col.acl))
        if (o.rowSecurity || o.forceRowSecurity) out.push(`rls ${o.schema}.${o.name} | ${!!o.rowSecurity} | ${!!o.forceRowSecurity}`)
        break
      case 'View':
      case 'MaterializedView':
      case 'Sequence':
        out.push(...aclLines(`relation ${o.schema}.${o.name}`, effectiveAcl(o, v)))
        break
      case 'Function':
        out.push(...aclLines(`function ${o.schema}.${o.name}(${signatureTypes(o.args).join(', ')})`, effectiveAcl(o, v)))
        break
      case 'Enum':
      case 'Domain':
      case 'CompositeType':
        out.push(...aclLines(`type ${o.schema}.${o.name}`, effectiveAcl(o, v)))
        break
      case 'DefaultAcl':
        out.push(...aclLines(`default ${o.role} ${o.schema} ${DEFACL_TYPE[o.objectType]}`, o.acl))
        break
      case 'Policy':
        out.push(
          `policy ${o.schema}.${o.table}.${o.name} | ${o.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} | ${o.command.toUpperCase()} | ${o.roles.join(',').replace('PUBLIC', 'public')} | ${o.using ?? '-'} | ${o.check ?? '-'}`,
        )
        break
      default:
        break
    }
  }
  if (!database) out.push(...aclLines('database', aclDefault('database', initialRole, v)))
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}
