/** CREATE [OR REPLACE] FUNCTION / PROCEDURE, ALTER FUNCTION / PROCEDURE / ROUTINE, routine lookup. */
import type { AlterFunctionStmt, CreateFunctionStmt, DefElem, FunctionParameter, ObjectWithArgs, TypeName, VariableSetStmt } from '@pgsql/types'
import { identity, quoteIdent } from '../../ir/names.js'
import { idOf } from '../../ir/identity.js'
import { LIST_QUOTE_SETTINGS } from '../../ir/settings.js'
import type { ArgMode, Function, FunctionArg } from '../../ir/objects.js'
import { exprText, sqlBodyText } from '../../normalize/expr.js'
import { argText, defElems, listItems, qname, strings, typeText, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'

const MODES: Readonly<Record<string, ArgMode>> = {
  FUNC_PARAM_IN: 'in',
  FUNC_PARAM_DEFAULT: 'in',
  FUNC_PARAM_OUT: 'out',
  FUNC_PARAM_INOUT: 'inout',
  FUNC_PARAM_VARIADIC: 'variadic',
  FUNC_PARAM_TABLE: 'table',
}

/** Routine argument and result types carry no typmod (format_type of proargtypes). */
export const routineType = (c: Ctx, tn: TypeName): string => {
  const { typmods: _m, setof: _s, ...rest } = tn
  return typeText(c, rest)
}

const argOf = (c: Ctx, p: FunctionParameter): FunctionArg => ({
  mode: MODES[p.mode ?? 'FUNC_PARAM_DEFAULT'] ?? 'in',
  type: p.argType ? routineType(c, p.argType) : 'unknown',
  ...(p.name !== undefined ? { name: p.name } : {}),
  ...(p.defexpr ? { default: exprText(p.defexpr) } : {}),
})

/**
 * `name = value` of a SET clause, as proconfig stores it (flatten_set_variable_args: elements joined
 * by `, `, quoted as identifiers for list settings such as search_path); undefined for RESET.
 */
const configOf = (c: Ctx, v: VariableSetStmt): { name: string; value: string } | undefined => {
  const name = v.name ?? ''
  if (v.kind === 'VAR_SET_VALUE') {
    const items = (v.args ?? []).map((a) => argText(a) ?? '')
    return { name, value: (LIST_QUOTE_SETTINGS.has(name) ? items.map(quoteIdent) : items).join(', ') }
  }
  if (v.kind === 'VAR_SET_CURRENT') {
    if (name === 'search_path') return { name, value: c.st.searchPath.map(quoteIdent).join(', ') }
    c.st.warn('W-UNSUPPORTED', `SET ${name} FROM CURRENT cannot be evaluated offline`, c.span)
  }
  return undefined
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Apply routine options (shared by CREATE and ALTER). */
const applyOptions = (c: Ctx, f: Mutable<Function>, options: ReadonlyArray<DefElem>): void => {
  for (const d of options) {
    const v = argText(d.arg)
    switch (d.defname) {
      case 'volatility':
        if (v === 'immutable' || v === 'stable' || v === 'volatile') f.volatility = v
        break
      case 'strict':
        f.strict = v === 'true'
        break
      case 'security':
        f.securityDefiner = v === 'true'
        break
      case 'leakproof':
        f.leakproof = v === 'true'
        break
      case 'parallel':
        if (v === 'safe' || v === 'restricted' || v === 'unsafe') f.parallel = v
        break
      case 'cost':
        if (v !== undefined) f.cost = v
        break
      case 'rows':
        if (v !== undefined) f.rows = v
        break
      case 'language':
        if (v !== undefined) f.language = v.toLowerCase()
        break
      case 'set': {
        if (!d.arg || !('VariableSetStmt' in d.arg)) break
        const vs = d.arg.VariableSetStmt
        if (vs.kind === 'VAR_RESET_ALL') f.config = []
        else {
          const others = f.config.filter((x) => x.name !== vs.name)
          const cfg = configOf(c, vs)
          f.config = cfg ? [...others, cfg] : others
        }
        break
      }
      default:
        break
    }
  }
}


/**
 * COST and ROWS are stored only when they differ from PostgreSQL's defaults (cost 1 for C and
 * internal functions, 100 otherwise; rows 1000 for set-returning functions, none otherwise).
 */
const normalizeEstimates = (f: Mutable<Function>): void => {
  const defaultCost = f.language === 'c' || f.language === 'internal' ? 1 : 100
  if (f.cost !== undefined && Number(f.cost) === defaultCost) delete f.cost
  if (f.rows !== undefined && (f.returnsSet ? Number(f.rows) === 1000 : Number(f.rows) === 0)) delete f.rows
}

export const createFunction = (c: Ctx, n: CreateFunctionStmt): void => {
  const q = qname(n.funcname)
  const schema = c.st.creationSchema(q.schema, c.span)
  if (schema === undefined) return
  const opts = defElems(n.options)
  const as = opts.find((d) => d.defname === 'as')
  const asParts = as ? strings(listItems(as.arg)) : []
  if (asParts.length > 1) return c.st.warn('W-UNSUPPORTED', 'C-language functions (AS obj_file, link_symbol) are skipped', c.span)
  const args = (n.parameters ?? []).flatMap((p) => ('FunctionParameter' in p ? [argOf(c, p.FunctionParameter)] : []))
  const procedure = !!n.is_procedure
  const outs = args.filter((a) => a.mode === 'out' || a.mode === 'inout' || a.mode === 'table')
  const returns = n.returnType
    ? routineType(c, n.returnType)
    : procedure
      ? undefined
      : outs.length === 1
        ? outs[0]!.type
        : 'record'
  const returnsSet = !!n.returnType?.setof
  const f: Mutable<Function> = {
    kind: 'Function',
    schema,
    name: q.name,
    owner: c.st.role,
    routine: procedure ? 'procedure' : 'function',
    args,
    language: 'sql',
    body: n.sql_body ? sqlBodyText(n.sql_body) : (asParts[0] ?? ''),
    volatility: 'volatile',
    strict: false,
    securityDefiner: false,
    leakproof: false,
    parallel: 'unsafe',
    config: [],
    span: c.span,
  }
  if (returns !== undefined) f.returns = returns
  if (returnsSet) f.returnsSet = true
  if (n.sql_body) f.sqlBody = true
  applyOptions(c, f, opts)
  normalizeEstimates(f)
  const id = idOf(f)
  const prev = c.st.functions.get(id)
  if (prev) {
    if (!n.replace) return c.st.error('E-DUPLICATE-FUNCTION', `function "${q.name}" already exists with same argument types`, c.span)
    f.owner = prev.owner
    if (prev.comment !== undefined) f.comment = prev.comment
    if (prev.acl !== undefined) f.acl = prev.acl
  } else {
    const { acl } = creationAcl(c.st, 'function', f.owner, schema)
    if (acl) f.acl = acl
  }
  c.st.setFunction(id, f)
}

/** Find a routine by ObjectWithArgs (signature, or name alone when unique). */
export const lookupFunction = (c: Ctx, o: ObjectWithArgs): { id: string; fn: Function } | 'ambiguous' | undefined => {
  const q = qname(o.objname)
  const key = c.st.resolve(q.schema, q.name, (k) => c.st.functionsByName.has(k))
  if (key === undefined) return undefined
  const ids = [...(c.st.functionsByName.get(key) ?? [])]
  if (o.args_unspecified) {
    if (ids.length > 1) return 'ambiguous'
    const fn = ids[0] ? c.st.functions.get(ids[0]) : undefined
    return fn && ids[0] ? { id: ids[0], fn } : undefined
  }
  const params = (o.objfuncargs ?? []).flatMap((p) => ('FunctionParameter' in p ? [p.FunctionParameter] : []))
  const types = params.length
    ? params.filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE').map((p) => (p.argType ? routineType(c, p.argType) : ''))
    : (o.objargs ?? []).flatMap((t) => ('TypeName' in t ? [routineType(c, t.TypeName)] : []))
  const fn0 = c.st.functions.get(ids[0] ?? '')
  if (!fn0) return undefined
  const id = identity('Function', [fn0.schema, fn0.name], types)
  const fn = c.st.functions.get(id)
  return fn ? { id, fn } : undefined
}

export const functionLabel = (o: ObjectWithArgs): string => strings(o.objname).join('.')

export const alterFunction = (c: Ctx, n: AlterFunctionStmt): void => {
  if (!n.func) return
  const found = lookupFunction(c, n.func)
  if (found === 'ambiguous') return c.st.error('E-AMBIGUOUS-FUNCTION', `function name "${functionLabel(n.func)}" is not unique`, c.span)
  if (!found) return c.st.error('E-UNDEFINED-FUNCTION', `function ${functionLabel(n.func)} does not exist`, c.span)
  const f: Mutable<Function> = { ...found.fn }
  applyOptions(c, f, defElems(n.actions))
  normalizeEstimates(f)
  c.st.setFunction(found.id, f)
}

