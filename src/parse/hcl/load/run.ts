/**
 * Running the lowered statements: phase by phase, source order within a phase. A statement whose
 * only errors say that something does not exist (E-UNDEFINED-*, E-NO-*) is retried after the rest
 * of its phase, again while that makes progress, and once more after all phases (a dependency may
 * come from a later phase); what still fails then is reported. A failed statement is assumed to
 * leave the session unchanged (the interpreter checks before it changes anything).
 */
import { isError, type Diagnostic } from '../../../ir/span.js'
import type { SqlSession } from '../../sql/index.js'
import { PHASES } from '../lower/context.js'
import type { Queued } from './context.js'

const retryable = (ds: ReadonlyArray<Diagnostic>): boolean => {
  const errors = ds.filter(isError)
  return errors.length > 0 && errors.every((d) => /^E-(UNDEFINED|NO)-/.test(d.code))
}

interface Failed {
  readonly item: Queued
  readonly diagnostics: ReadonlyArray<Diagnostic>
}

export const runStatements = (session: SqlSession, statements: ReadonlyArray<Queued>): Diagnostic[] => {
  const out: Diagnostic[] = []
  const settle = (items: ReadonlyArray<Queued>): Failed[] => {
    let queue = items
    for (;;) {
      const failed: Failed[] = []
      for (const item of queue) {
        const ds = session.run(item.sql, item.span)
        if (retryable(ds)) failed.push({ item, diagnostics: ds })
        else out.push(...ds)
      }
      if (failed.length === 0 || failed.length === queue.length) return failed
      queue = failed.map((f) => f.item)
    }
  }
  const pending: Queued[] = []
  for (const phase of PHASES) pending.push(...settle(statements.filter((s) => s.phase === phase)).map((f) => f.item))
  for (const f of pending.length > 0 ? settle(pending) : []) out.push(...f.diagnostics)
  return out
}
