/**
 * The LowerContext the loader gives lowerers: diagnostics, the check of allowed attributes and
 * nested blocks (with a did-you-mean), declared addresses, and the queues of SQL statements and
 * declared privileges.
 */
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import type { PgVersion } from '../../../ir/catalog.js'
import { didYouMean } from '../eval/suggest.js'
import type { BlockAddress } from '../eval/value.js'
import type { DeclaredPrivilege, LowerContext, Phase } from '../lower/context.js'
import type { DeclIndex } from './decls.js'
import type { Views } from './view.js'

export interface Queued {
  readonly phase: Phase
  readonly sql: string
  readonly span: Span
}

export interface Collected {
  readonly statements: Queued[]
  readonly privileges: DeclaredPrivilege[]
}

const allowedList = (names: ReadonlyArray<string>): string => (names.length === 0 ? 'none' : names.join(', '))

export const makeContext = (
  options: { readonly pgVersion: PgVersion; readonly role: string },
  index: DeclIndex,
  views: Views,
  diagnostics: Diagnostic[],
  out: Collected,
): LowerContext => ({
  pgVersion: options.pgVersion,
  role: options.role,
  error: (code, message, span) => void diagnostics.push(diagnostic('error', code, message, span)),
  warn: (code, message, span) => void diagnostics.push(diagnostic('warning', code, message, span)),
  allow: (b, attributes, blocks) => {
    const what = b.labels.length > 0 ? `${b.type} "${b.labels[b.labels.length - 1]}"` : b.type
    for (const name of b.attributeNames) {
      if (attributes.includes(name)) continue
      diagnostics.push(
        diagnostic('error', 'E-UNKNOWN-ATTRIBUTE', `unknown attribute "${name}" in ${what}.${didYouMean(name, attributes)} Allowed: ${allowedList(attributes)}.`, b.attrSpan(name) ?? b.span),
      )
    }
    const inst = views.instance(b)
    for (const type of b.blockTypes) {
      if (blocks.includes(type)) continue
      const first = inst?.block.body.items.find((x) => x.kind === 'Block' && x.type === type)
      const span = first !== undefined && first.kind === 'Block' ? first.typeSpan : b.span
      diagnostics.push(diagnostic('error', 'E-UNKNOWN-BLOCK', `unknown block "${type}" in ${what}.${didYouMean(type, blocks)} Allowed: ${allowedList(blocks)}.`, span))
    }
  },
  exists: (a: BlockAddress) => index.get(a).length > 0,
  sql: (phase, statement, span) => void out.statements.push({ phase, sql: statement, span }),
  privilege: (p) => void out.privileges.push(p),
})
