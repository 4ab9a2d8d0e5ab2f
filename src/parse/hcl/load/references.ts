/**
 * References to declared blocks (DIALECT.md "References"): `schema.s`, `table.t` / `table.s.t`,
 * `role.r` = `user.r`, `trigger.t`, `policy.p`, and inside a relation `column.c`, `index.i`, …, or
 * from anywhere `table.t.column.c`. Resolved against the declaration index to `ref` values with
 * the canonical address; ambiguous and unresolved names are errors with the forms to write.
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { addressType, isNestedRefType, isRefType, isSchemaType } from '../eval/ref-path.js'
import type { Resolved } from '../eval/scope.js'
import { closest } from '../eval/suggest.js'
import type { BlockAddress } from '../eval/value.js'
import type { TraversalExpr, Traverser } from '../syntax.js'
import type { DeclIndex, Instance } from './decls.js'

type Got = E.Either<ReadonlyArray<Diagnostic>, Resolved>

const err = (code: string, message: string, span: Span): Got => E.left([diagnostic('error', code, message, span)])

/** A step's name: `.name`, or `["name"]` with a literal string. */
const stepName = (s: Traverser): string | undefined =>
  s.kind === 'Attr' ? s.name : s.key.kind === 'Template' && s.key.parts.length === 1 && s.key.parts[0]!.kind === 'Text' ? s.key.parts[0]!.value : undefined

const form = (a: BlockAddress): string => (a.schema !== undefined ? `${a.type}.${a.schema}.${a.name}` : `${a.type}.${a.name}`)

const hint = (name: string, candidates: ReadonlyArray<string>): string => {
  const c = closest(name, candidates)
  return c === undefined ? '' : `; did you mean ${c}?`
}

/**
 * Resolve a traversal whose root is a reference word; undefined when the root is not one (or is a
 * bare word such as `table` with no name, which stays a keyword). `relation` is the instance of
 * the table/view the expression is written in (for `column.c`).
 */
export const resolveReference = (t: TraversalExpr, index: DeclIndex, relation: Instance | undefined): Got | undefined => {
  const names: string[] = []
  for (const s of t.steps) {
    const n = stepName(s)
    if (n === undefined) break
    names.push(n)
  }
  if (t.steps.length === 0) return undefined
  if (isNestedRefType(t.root) && (!isRefType(t.root) || (relation !== undefined && childOf(relation, t.root, names[0]) !== undefined))) {
    if (relation === undefined) return err('E-UNRESOLVED', `${t.root}.${names[0] ?? '…'} can only be used inside a table or view (elsewhere write table.<name>.${t.root}.${names[0] ?? '…'})`, t.span)
    return nested(t, relation, t.root, names, 0)
  }
  if (!isRefType(t.root)) return undefined
  if (names.length === 0) return err('E-UNRESOLVED', `${t.root} must be followed by a name, e.g. ${t.root}.example`, t.span)
  const type = addressType(t.root)
  let hits: ReadonlyArray<Instance> = []
  let consumed = 1
  if (isSchemaType(type) && names.length >= 2) {
    hits = index.get({ type, schema: names[0]!, name: names[1]! })
    consumed = 2
  }
  if (hits.length === 0) {
    hits = index.named(type, names[0]!)
    consumed = 1
  }
  if (hits.length === 0) {
    const qualified = isSchemaType(type) && names.length >= 2 && index.named('schema', names[0]!).length > 0
    const written = qualified ? `${t.root}.${names[0]}.${names[1]}` : `${t.root}.${names[0]}`
    const known = index.ofType(type).flatMap((i) => [`${t.root}.${i.address.name}`, ...(i.address.schema !== undefined ? [`${t.root}.${i.address.schema}.${i.address.name}`] : [])])
    return err('E-UNRESOLVED', `${written} is not declared${hint(written, known)}`, t.span)
  }
  const distinct = new Map(hits.map((h) => [form(h.address) + (h.address.parent ? ` on ${form(h.address.parent)}` : ''), h]))
  if (distinct.size > 1) {
    const where = [...distinct.keys()]
    return err('E-AMBIGUOUS', `${t.root}.${names[0]} is ambiguous: it names ${where.join(' and ')}${isSchemaType(type) ? `; write ${[...distinct.values()].map((h) => form({ ...h.address, type: t.root })).join(' or ')}` : ''}`, t.span)
  }
  if (hits.length > 1 && (type === 'function' || type === 'procedure'))
    return err('E-AMBIGUOUS', `${form(hits[0]!.address)} is overloaded (${hits.length} declarations): a reference must name one function`, t.span)
  const target = hits[0]!
  const next = names[consumed]
  if (next !== undefined && isNestedRefType(next) && names[consumed + 1] !== undefined) return nested(t, target, next, names, consumed + 1)
  return E.right({ value: { kind: 'ref', target: target.address, span: t.span }, consumed })
}

const childOf = (parent: Instance, type: string, name: string | undefined): Instance | undefined =>
  parent.children.find((c) => c.type === type && c.address.name === name)

/** `<type>.<name>` inside `parent`, starting at `names[at]` (the name). */
const nested = (t: TraversalExpr, parent: Instance, type: string, names: ReadonlyArray<string>, at: number): Got => {
  const name = names[at]
  if (name === undefined) return err('E-UNRESOLVED', `${type} must be followed by a name, e.g. ${type}.id`, t.span)
  const hit = childOf(parent, type, name)
  if (hit === undefined) {
    const known = parent.children.filter((c) => c.type === type).map((c) => c.address.name)
    const c = closest(name, known)
    return err('E-UNRESOLVED', `${parent.type} ${JSON.stringify(parent.address.name)} has no ${type} "${name}"${c === undefined ? '' : `; did you mean ${type}.${c}?`}`, t.span)
  }
  return E.right({ value: { kind: 'ref', target: hit.address, span: t.span }, consumed: at + 1 })
}
