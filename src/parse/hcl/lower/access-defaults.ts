/**
 * `default_privileges` blocks: the target databases' ALTER DEFAULT PRIVILEGES (seed 003's
 * "baseline", declared in the schema). Lowered to those statements in phase 'defaults', after
 * every object: the declared objects carry declared ACLs, so defaults must not shape them; the
 * diff reads the resulting DefaultAcl objects to know what the server gives a new object.
 * `grant` and `revoke` blocks run in source order.
 */
import { quoteIdent } from '../../../ir/names.js'
import type { Span } from '../../../ir/span.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool, readKeyword } from './read.js'
import { missing, privilegeWords, roleOf, rolesOf, type RoleName } from './access-names.js'

const OBJECT_TYPES = ['TABLES', 'SEQUENCES', 'FUNCTIONS', 'ROUTINES', 'TYPES', 'SCHEMAS'] as const

const roleSql = (r: RoleName): string => (r.keyword ? r.name : quoteIdent(r.name))

interface Step {
  readonly sql: string
  readonly span: Span
}

/** Source order of two spans. */
const before = (a: Span, b: Span): number => a.line - b.line || a.column - b.column

/** One `grant { to, privileges, grantable }` or `revoke { from, privileges }` block as the action part of the statement. */
const action = (ctx: LowerContext, g: BlockView, isGrant: boolean, on: string): Step | undefined => {
  const who = isGrant ? 'to' : 'from'
  ctx.allow(g, [who, 'privileges', ...(isGrant ? ['grantable'] : ['grant_option'])], [])
  const rv = g.attr(who)
  const pv = g.attr('privileges')
  for (const n of [who, 'privileges']) if (missing(g, n)) ctx.error('E-MISSING-ATTRIBUTE', `${g.type} block of default_privileges needs "${n}"`, g.span)
  if (rv === undefined || pv === undefined) return undefined
  const roles = rolesOf(ctx, rv, `attribute "${who}" of ${g.type}`, { allowPublic: true })
  const words = privilegeWords(ctx, pv, `attribute "privileges" of ${g.type}`)
  const option = readBool(ctx, g, isGrant ? 'grantable' : 'grant_option') ?? false
  if (roles === undefined || words === undefined) return undefined
  if (!roles.length) {
    ctx.error('E-TYPE', `attribute "${who}" of ${g.type}: no role given`, rv.span)
    return undefined
  }
  const privs = words === 'ALL' ? 'ALL' : words.join(', ')
  const list = roles.map(roleSql).join(', ')
  const sql = isGrant
    ? `GRANT ${privs} ON ${on} TO ${list}${option ? ' WITH GRANT OPTION' : ''}`
    : `REVOKE ${option ? 'GRANT OPTION FOR ' : ''}${privs} ON ${on} FROM ${list}`
  return { sql, span: g.span }
}

export const lowerDefaultPrivileges = (b: BlockView, ctx: LowerContext): void => {
  ctx.allow(b, ['for', 'schema', 'on', 'depends_on', 'for_each'], ['grant', 'revoke'])
  const forV = b.attr('for')
  const role = forV === undefined || forV.kind === 'null' ? undefined : roleOf(ctx, forV, 'attribute "for" of default_privileges')
  const sv = b.attr('schema')
  let schema: string | undefined
  if (sv?.kind === 'ref' && sv.target.type === 'schema') schema = sv.target.name
  else if (sv?.kind === 'string') schema = sv.value
  else if (sv !== undefined && sv.kind !== 'null') ctx.error('E-TYPE', 'attribute "schema" of default_privileges: expected a reference to a schema', sv.span)
  const on = readKeyword(ctx, b, 'on', OBJECT_TYPES)
  if (missing(b, 'on')) ctx.error('E-MISSING-ATTRIBUTE', `default_privileges needs "on" (one of ${OBJECT_TYPES.join(', ')})`, b.span)
  if (on === undefined || (forV !== undefined && forV.kind !== 'null' && role === undefined) || (sv !== undefined && sv.kind !== 'null' && schema === undefined)) return
  if (on === 'SCHEMAS' && schema !== undefined) {
    ctx.error('E-INVALID-GRANT-OPERATION', 'default_privileges on SCHEMAS cannot have "schema"', sv?.span ?? b.span)
    return
  }
  const head = ['ALTER DEFAULT PRIVILEGES', ...(role ? [`FOR ROLE ${quoteIdent(role.name)}`] : []), ...(schema !== undefined ? [`IN SCHEMA ${quoteIdent(schema)}`] : [])].join(' ')
  const steps = [...b.blocks('grant').map((g) => [g, true] as const), ...b.blocks('revoke').map((g) => [g, false] as const)].sort(([x], [y]) => before(x.span, y.span))
  if (!steps.length) ctx.warn('W-EMPTY', 'default_privileges without grant or revoke blocks declares nothing', b.span)
  for (const [g, isGrant] of steps) {
    const s = action(ctx, g, isGrant, on)
    if (s) ctx.sql('defaults', `${head} ${s.sql}`, s.span)
  }
}
