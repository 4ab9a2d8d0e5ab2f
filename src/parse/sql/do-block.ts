/**
 * DO blocks: the idioms schemas use to stay re-runnable — CREATE ROLE guarded by IF NOT EXISTS
 * (pg_roles) or by EXCEPTION WHEN duplicate_object, and EXECUTE format('… %I …', current_database())
 * for database-level statements. The body is parsed with the PL/pgSQL parser, compiled to steps
 * (do-plan.ts) and the statements are run through the normal dispatcher; any other block is a
 * W-DO-SKIPPED warning, and nothing of it is run.
 */
import type { DoStmt } from '@pgsql/types'
import { absurd } from 'fp-ts/lib/function.js'
import { parsePlpgsqlSync } from './parser.js'
import { compilePlpgsql, NotUnderstood, type Step } from './do-plan.js'
import { interpret } from './interpret.js'
import { argText, type Ctx } from './util.js'

/** A complete function around the body, since the PL/pgSQL parser only takes CREATE FUNCTION. */
const asFunction = (body: string): string => {
  let tag = '$pgcharter_do$'
  for (let i = 0; body.includes(tag); i++) tag = `$pgcharter_do${i}$`
  return `CREATE FUNCTION pg_temp.pgcharter_do() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`
}

/** Run steps; false when a statement raised duplicate_object inside a block that catches it (the rest of that block is skipped). */
const run = (c: Ctx, steps: ReadonlyArray<Step>, catching: boolean): boolean => {
  for (const s of steps) {
    switch (s.kind) {
      case 'sql':
        for (const stmt of s.stmts) {
          const n = stmt.node
          // the server raises duplicate_object, which the enclosing handler swallows
          if (catching && 'CreateRoleStmt' in n && c.st.roles.has(n.CreateRoleStmt.role ?? '')) return false
          interpret(c.st, stmt)
        }
        break
      case 'if': {
        const taken = c.st.roles.has(s.role) === s.exists ? s.then : s.otherwise
        if (!run(c, taken, catching)) return false
        break
      }
      case 'block':
        // a caught exception ends the block, not the enclosing one
        run(c, s.body, s.catchesDuplicate)
        break
      default:
        return absurd(s)
    }
  }
  return true
}

export const doStmt = (c: Ctx, n: DoStmt): void => {
  let body: string | undefined
  let language = 'plpgsql'
  for (const a of n.args ?? []) {
    if (!('DefElem' in a)) continue
    if (a.DefElem.defname === 'as') body = argText(a.DefElem.arg)
    if (a.DefElem.defname === 'language') language = (argText(a.DefElem.arg) ?? language).toLowerCase()
  }
  if (language !== 'plpgsql') {
    c.st.warn('W-DO-SKIPPED', `DO block in language ${language} cannot be understood offline; skipped`, c.span)
    return
  }
  let steps: ReadonlyArray<Step>
  try {
    steps = compilePlpgsql(c.st, c.span, parsePlpgsqlSync(asFunction(body ?? '')))
  } catch (e) {
    const why = e instanceof NotUnderstood ? e.message : 'its body does not parse'
    c.st.warn('W-DO-SKIPPED', `DO block not understood offline (because ${why}); skipped`, c.span)
    return
  }
  run(c, steps, false)
}
