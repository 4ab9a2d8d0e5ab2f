/**
 * Functions and procedures (aggregates and window functions are skipped). Cost and rows are kept
 * only when they differ from what CREATE FUNCTION would default to.
 */
import type { PgVersion } from '../ir/catalog.js'
import type { ArgMode, Function, FunctionArg } from '../ir/objects.js'
import { canonicalSqlBody, exprText } from '../normalize/expr.js'
import type { Queryable } from './queryable.js'
import { notExtensionMember, userSchema } from './filters.js'
import { parseOne } from './ast.js'
import { aclJson, objectAcl } from './read-acl.js'
import { bool, int, opt, optStr, str, strArray, type Row } from './rows.js'

const FUNCTIONS = `
SELECT n.nspname AS schema, p.proname AS name, pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       p.prokind::pg_catalog.text AS prokind, l.lanname AS language, p.prosrc AS src,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) END AS sqlbody,
       p.provolatile::pg_catalog.text AS volatility, p.proisstrict AS strict, p.prosecdef AS secdef,
       p.proleakproof AS leakproof, p.proparallel::pg_catalog.text AS parallel,
       pg_catalog.to_json(p.proconfig) AS config, p.procost::pg_catalog.text AS cost, p.prorows::pg_catalog.text AS rows,
       p.proretset AS retset, pg_catalog.format_type(p.prorettype, NULL) AS rettype,
       (SELECT pg_catalog.json_agg(pg_catalog.format_type(a.typ, NULL) ORDER BY a.o)
          FROM pg_catalog.unnest(COALESCE(p.proallargtypes, p.proargtypes::pg_catalog.oid[])) WITH ORDINALITY a(typ, o)) AS argtypes,
       pg_catalog.to_json(p.proargmodes::pg_catalog.text[]) AS argmodes, pg_catalog.to_json(p.proargnames) AS argnames,
       pg_catalog.pg_get_expr(p.proargdefaults, 0) AS argdefaults,
       pg_catalog.obj_description(p.oid, 'pg_proc') AS comment, ${aclJson('p.proacl')} AS acl
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${notExtensionMember('pg_proc', 'p.oid')}`

const MODES: Readonly<Record<string, ArgMode>> = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' }
const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const
const PARALLEL = { s: 'safe', r: 'restricted', u: 'unsafe' } as const

const pick = <T extends Record<string, string>>(table: T, code: string): T[keyof T] => {
  if (!(code in table)) throw new Error(`inspect: unexpected code ${code}`)
  return table[code as keyof T]
}

/** Split `1, 'a'::text` (pg_get_expr of proargdefaults) into canonical expressions. */
const splitDefaults = (text: string | undefined): ReadonlyArray<string> => {
  if (text === undefined) return []
  const node = parseOne(`SELECT ${text}`)
  if (!('SelectStmt' in node)) throw new Error(`inspect: unexpected defaults ${text}`)
  return (node.SelectStmt.targetList ?? []).map((t) => {
    if (!('ResTarget' in t) || !t.ResTarget.val) throw new Error(`inspect: unexpected defaults ${text}`)
    return exprText(t.ResTarget.val)
  })
}

const argsOf = (r: Row): ReadonlyArray<FunctionArg> => {
  const types = strArray(r.argtypes)
  const modes = strArray(r.argmodes)
  const names = strArray(r.argnames)
  const defaults = splitDefaults(optStr(r.argdefaults))
  const mode = (i: number): ArgMode => pick(MODES, modes[i] ?? 'i')
  // defaults belong to the last input arguments (IN, INOUT, VARIADIC)
  const inputs = types.map((_, i) => i).filter((i) => mode(i) !== 'out' && mode(i) !== 'table')
  const withDefault = new Map(inputs.slice(inputs.length - defaults.length).map((i, k) => [i, defaults[k]] as const))
  return Object.freeze(
    types.map((type, i) => {
      const name = names[i]
      return Object.freeze({
        mode: mode(i),
        type,
        ...opt('name', name === undefined || name === '' ? undefined : name),
        ...opt('default', withDefault.get(i)),
      })
    }),
  )
}

const configOf = (v: unknown): ReadonlyArray<{ name: string; value: string }> =>
  Object.freeze(
    strArray(v).map((item) => {
      const i = item.indexOf('=')
      return Object.freeze(i < 0 ? { name: item, value: '' } : { name: item.slice(0, i), value: item.slice(i + 1) })
    }),
  )

const functionOf = (r: Row, v: PgVersion): Function => {
  const language = str(r.language)
  const procedure = str(r.prokind) === 'p'
  const retset = bool(r.retset)
  const sqlBody = optStr(r.sqlbody)
  const defaultCost = language === 'c' || language === 'internal' ? 1 : 100
  const defaultRows = retset ? 1000 : 0
  const cost = str(r.cost)
  const rows = str(r.rows)
  return Object.freeze({
    kind: 'Function',
    schema: str(r.schema),
    name: str(r.name),
    owner: str(r.owner),
    routine: procedure ? 'procedure' : 'function',
    args: argsOf(r),
    language,
    body: sqlBody === undefined ? str(r.src) : canonicalSqlBody(sqlBody),
    volatility: pick(VOLATILITY, str(r.volatility)),
    strict: bool(r.strict),
    securityDefiner: bool(r.secdef),
    leakproof: bool(r.leakproof),
    parallel: pick(PARALLEL, str(r.parallel)),
    config: configOf(r.config),
    ...opt('returns', procedure ? undefined : str(r.rettype)),
    ...opt('returnsSet', retset ? true : undefined),
    ...opt('cost', Number(cost) === defaultCost ? undefined : cost),
    ...opt('rows', int(rows) === defaultRows ? undefined : rows),
    ...opt('sqlBody', sqlBody === undefined ? undefined : true),
    ...opt('comment', optStr(r.comment)),
    ...opt('acl', objectAcl('function', str(r.owner), r.acl, v)),
  })
}

export const readFunctions = async (db: Queryable, v: PgVersion): Promise<ReadonlyArray<Function>> =>
  (await db.query<Row>(FUNCTIONS)).rows.map((r) => functionOf(r, v))
