/** Checks and collections of the loader: variables, locals, repeated attributes, duplicate declarations. */
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { isNestedRefType, isRefType } from '../eval/ref-path.js'
import { didYouMean } from '../eval/suggest.js'
import type { BlockAddress } from '../eval/value.js'
import type { Attribute, Block, Body } from '../syntax.js'
import type { DeclIndex } from './decls.js'
import type { VariableDecl } from './variables.js'

type Report = (ds: ReadonlyArray<Diagnostic>) => void

const at = (s: Span): string => `${s.file}:${s.line}:${s.column}`

/** An attribute set twice in one body is an error (HCL), in every nested body too. */
export const checkAttributes = (body: Body, report: Report): void => {
  const seen = new Map<string, Attribute>()
  for (const i of body.items) {
    if (i.kind === 'Block') {
      checkAttributes(i.body, report)
      continue
    }
    const first = seen.get(i.name)
    if (first !== undefined) report([diagnostic('error', 'E-DUPLICATE', `attribute "${i.name}" is set twice (first at ${at(first.nameSpan)})`, i.nameSpan)])
    else seen.set(i.name, i)
  }
}

const VARIABLE_ATTRIBUTES = ['type', 'default', 'description', 'sensitive', 'nullable']

export const declareVariable = (b: Block, variables: Map<string, VariableDecl>, report: Report): void => {
  const name = b.labels[0]?.value
  if (name === undefined || b.labels.length !== 1) {
    report([diagnostic('error', 'E-HCL-SYNTAX', 'a variable block has exactly one label, its name: variable "name" { … }', b.typeSpan)])
    return
  }
  const first = variables.get(name)
  if (first !== undefined) {
    report([diagnostic('error', 'E-DUPLICATE', `variable "${name}" is declared twice (first at ${at(first.block.labels[0]!.span)})`, b.labels[0]!.span)])
    return
  }
  let type: Attribute | undefined
  let dflt: Attribute | undefined
  for (const i of b.body.items) {
    if (i.kind === 'Block') report([diagnostic('error', 'E-UNKNOWN-BLOCK', `unknown block "${i.type}" in variable "${name}". Allowed: none.`, i.typeSpan)])
    else if (!VARIABLE_ATTRIBUTES.includes(i.name))
      report([diagnostic('error', 'E-UNKNOWN-ATTRIBUTE', `unknown attribute "${i.name}" in variable "${name}".${didYouMean(i.name, VARIABLE_ATTRIBUTES)} Allowed: ${VARIABLE_ATTRIBUTES.join(', ')}.`, i.span)])
    else if (i.name === 'type') type = i
    else if (i.name === 'default') dflt = i
  }
  variables.set(name, { name, block: b, ...(type ? { type: type.value } : {}), ...(dflt ? { default: dflt.value } : {}) })
}

export const declareLocals = (b: Block, locals: Map<string, Attribute>, report: Report): void => {
  if (b.labels.length > 0) report([diagnostic('error', 'E-HCL-SYNTAX', 'a locals block has no labels: locals { name = value }', b.labels[0]!.span)])
  for (const i of b.body.items) {
    if (i.kind === 'Block') {
      report([diagnostic('error', 'E-UNKNOWN-BLOCK', `a locals block holds only attributes, not "${i.type}" blocks`, i.typeSpan)])
      continue
    }
    const first = locals.get(i.name)
    if (first !== undefined) report([diagnostic('error', 'E-DUPLICATE', `local "${i.name}" is declared twice (first at ${at(first.nameSpan)})`, i.nameSpan)])
    else locals.set(i.name, i)
  }
}

const describeAddress = (a: BlockAddress): string => {
  const own = `${a.type} ${a.schema !== undefined ? `"${a.schema}".` : ''}"${a.name}"`
  return a.parent === undefined ? own : `${own} of ${describeAddress(a.parent)}`
}

/**
 * The same object declared twice. Only named objects that references can name are checked
 * (functions may be overloaded: the SQL interpreter sees true duplicates).
 */
export const reportDuplicates = (index: DeclIndex, report: Report): void => {
  for (const is of index.duplicates()) {
    const first = is[0]!
    const t = first.address.type
    const checked = first.labels.length > 0 && t !== 'function' && t !== 'procedure' && (first.parent === undefined ? isRefType(t) : isNestedRefType(t))
    if (!checked) continue
    for (const again of is.slice(1))
      report([diagnostic('error', 'E-DUPLICATE', `${describeAddress(first.address)} is declared twice (first at ${at(first.nameSpan)})`, again.nameSpan)])
  }
}

/**
 * The same diagnostic (code, message, place) once, first occurrence kept, then in source order
 * (file, line, column; a stable sort keeps the order of diagnostics at one place).
 */
export const dedupe = (ds: ReadonlyArray<Diagnostic>): Diagnostic[] => {
  const seen = new Set<string>()
  const once = ds.filter((d) => {
    const k = `${d.code}\0${d.message}\0${d.span ? at(d.span) + ':' + (d.span.offset ?? '') : ''}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  const place = (d: Diagnostic): readonly [string, number, number] => (d.span ? [d.span.file, d.span.line, d.span.column] : ['', 0, 0])
  return once.sort((a, b) => {
    const [fa, la, ca] = place(a)
    const [fb, lb, cb] = place(b)
    return fa !== fb ? (fa < fb ? -1 : 1) : la !== lb ? la - lb : ca - cb
  })
}
