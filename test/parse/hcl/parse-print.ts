/**
 * A canonical HCL printer for syntax trees (test support for the parse ∘ print round trip):
 * one attribute per line, blocks indented by two spaces, quoted strings escaped, heredocs as
 * `<<EOT`. Parentheses are printed only where the tree has Paren nodes: the generator places
 * them where precedence needs them.
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Attribute, Block, Body, Expr, TemplatePart, Traverser } from '../../../src/parse/hcl/syntax.js'

const escapeQuoted = (s: string): string =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, '%%{')

const escapeHeredoc = (s: string): string => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{')

const parts = (ps: ReadonlyArray<TemplatePart>, heredoc: boolean): string =>
  ps
    .map((p): string => {
      switch (p.kind) {
        case 'Text':
          return heredoc ? escapeHeredoc(p.value) : escapeQuoted(p.value)
        case 'Interpolation':
          return `\${${printExpr(p.expr)}}`
        case 'If':
          return `%{if ${printExpr(p.cond)}}${parts(p.then, heredoc)}${p.else.length > 0 ? `%{else}${parts(p.else, heredoc)}` : ''}%{endif}`
        case 'For':
          return `%{for ${p.key === undefined ? '' : `${p.key}, `}${p.value} in ${printExpr(p.collection)}}${parts(p.body, heredoc)}%{endfor}`
        default:
          return absurd(p)
      }
    })
    .join('')

const step = (s: Traverser): string => (s.kind === 'Attr' ? `.${s.name}` : `[${printExpr(s.key)}]`)

export const printExpr = (e: Expr): string => {
  switch (e.kind) {
    case 'Null':
      return 'null'
    case 'Bool':
      return String(e.value)
    case 'Number':
      return e.text
    case 'Template':
      return e.form === 'quoted' ? `"${parts(e.parts, false)}"` : `<<EOT\n${parts(e.parts, true)}EOT`
    case 'Tuple':
      return `[${e.items.map(printExpr).join(', ')}]`
    case 'Object':
      return `{${e.items.map((i) => `${printExpr(i.key)} = ${printExpr(i.value)}`).join(', ')}}`
    case 'Traversal':
      return e.root + e.steps.map(step).join('')
    case 'Call':
      return `${e.name}(${e.args.map(printExpr).join(', ')}${e.expandFinal ? '...' : ''})`
    case 'IndexOf':
      return `${printExpr(e.collection)}[${printExpr(e.key)}]`
    case 'GetAttr':
      return `${printExpr(e.object)}.${e.name}`
    case 'Splat':
      return printExpr(e.source) + (e.full ? '[*]' : '.*') + e.steps.map(step).join('')
    case 'Unary':
      return e.op + printExpr(e.operand)
    case 'Binary':
      return `${printExpr(e.left)} ${e.op} ${printExpr(e.right)}`
    case 'Conditional':
      return `${printExpr(e.cond)} ? ${printExpr(e.then)} : ${printExpr(e.else)}`
    case 'For': {
      const head = `for ${e.keyVar === undefined ? '' : `${e.keyVar}, `}${e.valueVar} in ${printExpr(e.collection)} : `
      const cond = e.cond === undefined ? '' : ` if ${printExpr(e.cond)}`
      return e.form === 'tuple'
        ? `[${head}${printExpr(e.valueExpr)}${cond}]`
        : `{${head}${e.keyExpr === undefined ? '' : printExpr(e.keyExpr)} => ${printExpr(e.valueExpr)}${e.group ? '...' : ''}${cond}}`
    }
    case 'Paren':
      return `(${printExpr(e.expr)})`
    default:
      return absurd(e)
  }
}

const item = (i: Attribute | Block, indent: string): string =>
  i.kind === 'Attribute'
    ? `${indent}${i.name} = ${printExpr(i.value)}`
    : `${indent}${i.type}${i.labels.map((l) => ` "${escapeQuoted(l.value)}"`).join('')} {\n${i.body.items.map((x) => `${item(x, `${indent}  `)}\n`).join('')}${indent}}`

export const printBody = (b: Body): string => b.items.map((i) => `${item(i, '')}\n`).join('')
