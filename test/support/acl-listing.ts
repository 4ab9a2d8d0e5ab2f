/**
 * The ACL listing of a database (format: fixtures/access/README.md): one line per (object,
 * grantee, privilege, grantor, grantable), every ACL expanded with acldefault first, default ACLs
 * as stored. Shared by the fixture checker (check-access-fixtures.mjs, which imports the built
 * module) and the seed 003 golden tests, so that both judge a server state by the same query.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../src/inspect/index.js'

/** Schemas that belong to the user (not the system's). */
export const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_temp_' AND n.nspname !~ '^pg_toast_temp_'`
/** A role oid as a name, `PUBLIC` for 0. */
export const who = (oid: string): string => `CASE WHEN ${oid} = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(${oid})::text END`
export const yn = (b: string): string => `CASE WHEN ${b} THEN 'YES' ELSE 'NO' END`

/**
 * The ACL listing: `<kind> <identity> | <grantee> | <PRIVILEGE> | <grantor> | <YES|NO>`, one row
 * (column `line`) per privilege, ordered in collation C. Default ACLs: `default-acl <objtype>
 * <global|in schema s> for <role> | …`; an entry whose ACL is empty gives `… | - | (none) | - | -`.
 */
export const ACL_SQL = `
WITH obj(kind, ident, acl) AS (
  SELECT 'database', '(current)', coalesce(d.datacl, acldefault('d', d.datdba))
    FROM pg_database d WHERE d.datname = current_database()
  UNION ALL
  SELECT 'schema', quote_ident(n.nspname), coalesce(n.nspacl, acldefault('n', n.nspowner))
    FROM pg_namespace n WHERE ${USER_NS}
  UNION ALL
  SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
           WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'sequence' END,
         (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity,
         coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${USER_NS}
  UNION ALL
  SELECT 'column', (pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum)).identity, a.attacl
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_NS}
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity, coalesce(p.proacl, acldefault('f', p.proowner))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS}
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END,
         (pg_identify_object('pg_type'::regclass, t.oid, 0)).identity, coalesce(t.typacl, acldefault('T', t.typowner))
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${USER_NS} AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
     AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
  UNION ALL
  SELECT 'language', quote_ident(l.lanname), coalesce(l.lanacl, acldefault('l', l.lanowner))
    FROM pg_language l WHERE l.lanispl
  UNION ALL
  SELECT 'foreign-data wrapper', quote_ident(w.fdwname), coalesce(w.fdwacl, acldefault('F', w.fdwowner)) FROM pg_foreign_data_wrapper w
  UNION ALL
  SELECT 'server', quote_ident(s.srvname), coalesce(s.srvacl, acldefault('S', s.srvowner)) FROM pg_foreign_server s
), dacl(kind, ident, acl) AS (
  SELECT 'default-acl',
         CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
           WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' WHEN 'L' THEN 'large objects' ELSE d.defaclobjtype::text END
         || CASE WHEN d.defaclnamespace = 0 THEN ' global' ELSE ' in schema ' || quote_ident(d.defaclnamespace::regnamespace::text) END
         || ' for ' || quote_ident(pg_get_userbyid(d.defaclrole)),
         d.defaclacl
    FROM pg_default_acl d
)
SELECT o.kind || ' ' || o.ident || ' | ' || ${who('x.grantee')} || ' | ' || x.privilege_type || ' | ' || ${who('x.grantor')} || ' | ' || ${yn('x.is_grantable')} AS line
  FROM (SELECT * FROM obj UNION ALL SELECT * FROM dacl) o, aclexplode(o.acl) x
UNION ALL
SELECT kind || ' ' || ident || ' | - | (none) | - | -' FROM dacl WHERE cardinality(acl) = 0
ORDER BY 1`

/** Roles present in a fresh cluster; every other role belongs to the case being loaded. */
const caseRole = (col: string): string => `(${col} <> 'postgres' AND ${col} !~ '^pg_')`
/**
 * Everything else that access control is made of, one `line` per fact: roles (attributes, comments,
 * settings, each list sorted: the server keeps them in the order they were set), memberships (every
 * pg_auth_members column), owners, columns, RLS flags, policies.
 */
export const REST_SQL = `
SELECT line FROM (
  SELECT 'role ' || quote_ident(r.rolname) || ' | ' ||
         coalesce(nullif(concat_ws(' ', CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN NOT r.rolinherit THEN 'NOINHERIT' END,
           CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END, CASE WHEN r.rolcreatedb THEN 'CREATEDB' END,
           CASE WHEN r.rolcanlogin THEN 'LOGIN' END, CASE WHEN r.rolreplication THEN 'REPLICATION' END,
           CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END,
           CASE WHEN r.rolconnlimit <> -1 THEN 'CONNECTION LIMIT ' || r.rolconnlimit END,
           -- 'infinity' is no limit, the same state as NULL (which the server cannot restore)
           CASE WHEN r.rolvaliduntil IS NOT NULL AND r.rolvaliduntil <> 'infinity' THEN 'VALID UNTIL ' || r.rolvaliduntil::text END), ''), '-') AS line
    FROM pg_roles r WHERE ${caseRole('r.rolname')}
  UNION ALL
  SELECT 'role-comment ' || quote_ident(r.rolname) || ' | ' || d.description
    FROM pg_shdescription d JOIN pg_roles r ON r.oid = d.objoid AND d.classoid = 'pg_authid'::regclass
   WHERE ${caseRole('r.rolname')}
  UNION ALL
  SELECT 'role-setting ' || CASE WHEN s.setrole = 0 THEN '(all roles)' ELSE quote_ident(pg_get_userbyid(s.setrole)) END ||
         ' in ' || CASE WHEN s.setdatabase = 0 THEN '(all databases)'
                        WHEN s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) THEN '(current database)'
                        ELSE '(other database)' END || ' | ' || (SELECT string_agg(x, ', ' ORDER BY x COLLATE "C") FROM unnest(s.setconfig) x)
    FROM pg_db_role_setting s
   WHERE s.setdatabase = 0 OR s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
  UNION ALL
  SELECT 'membership ' || quote_ident(pg_get_userbyid(m.roleid)) || ' to ' || quote_ident(pg_get_userbyid(m.member)) ||
         ' | grantor ' || coalesce(pg_get_userbyid(m.grantor)::text, '?') || ' | ' ||
         (to_jsonb(m) - 'oid' - 'roleid' - 'member' - 'grantor')::text
    FROM pg_auth_members m
   WHERE ${caseRole('pg_get_userbyid(m.member)::text')} OR ${caseRole('pg_get_userbyid(m.roleid)::text')}
  UNION ALL
  SELECT 'owner database (current) | ' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()
  UNION ALL
  SELECT 'owner schema ' || quote_ident(n.nspname) || ' | ' || pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE ${USER_NS}
  UNION ALL
  SELECT 'owner ' || (pg_identify_object('pg_class'::regclass, c.oid, 0)).type || ' ' ||
         (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity || ' | ' || pg_get_userbyid(c.relowner)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c') AND ${USER_NS}
  UNION ALL
  SELECT 'owner ' || (pg_identify_object('pg_proc'::regclass, p.oid, 0)).type || ' ' ||
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity || ' | ' || pg_get_userbyid(p.proowner)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS}
  UNION ALL
  SELECT 'owner type ' || (pg_identify_object('pg_type'::regclass, t.oid, 0)).identity || ' | ' || pg_get_userbyid(t.typowner)
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE ${USER_NS} AND t.typrelid = 0 AND NOT EXISTS (SELECT FROM pg_type e WHERE e.typarray = t.oid)
  UNION ALL
  SELECT 'column ' || (pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum)).identity || ' | ' || format_type(a.atttypid, a.atttypmod)
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND ${USER_NS}
  UNION ALL
  SELECT 'rls ' || (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity || ' | enabled ' || ${yn('c.relrowsecurity')} ||
         ' | forced ' || ${yn('c.relforcerowsecurity')}
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND ${USER_NS}
  UNION ALL
  SELECT 'policy ' || (pg_identify_object('pg_class'::regclass, p.polrelid, 0)).identity || '.' || quote_ident(p.polname) ||
         ' | ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END ||
         ' | ' || CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END ||
         ' | to ' || (SELECT string_agg(${who('r')}, ', ' ORDER BY ${who('r')}) FROM unnest(p.polroles) r) ||
         ' | using ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-') ||
         ' | check ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
    FROM pg_policy p
) s ORDER BY 1`

/** The meaningful lines of a listing or expected file: trailing blanks trimmed, no blank or `#` lines. */
export const aclLines = (text: string): string[] =>
  text.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.startsWith('#'))

/** The expected listing for a server major: `expected-acl.pg<major>.txt` if present, else `expected-acl.txt`. */
export const expectedAclFile = (caseDir: string, major: number): string | undefined => {
  const specific = join(caseDir, `expected-acl.pg${major}.txt`)
  if (existsSync(specific)) return specific
  const generic = join(caseDir, 'expected-acl.txt')
  return existsSync(generic) ? generic : undefined
}

export const expectedAcl = (caseDir: string, major: number): string[] | undefined => {
  const f = expectedAclFile(caseDir, major)
  return f === undefined ? undefined : aclLines(readFileSync(f, 'utf8'))
}

/** Byte (code unit) order, whatever the server's collation. */
export const byteOrder = (xs: ReadonlyArray<string>): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

/** The rest of the access state (REST_SQL) of the database behind `db`, in byte order. */
export const accessState = async (db: Queryable): Promise<string[]> =>
  byteOrder((await db.query<{ line: string }>(REST_SQL)).rows.map((r) => r.line))

/** The ACL listing of the database behind `db`, in byte order. */
export const aclListing = async (db: Queryable): Promise<string[]> =>
  byteOrder((await db.query<{ line: string }>(ACL_SQL)).rows.map((r) => r.line))
