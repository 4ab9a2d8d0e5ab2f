/**
 * A tiny HCL document model and its printer. The emitters build blocks of attributes (whose
 * values are already-formatted HCL expressions, see values.ts) and nested blocks; the printer
 * indents by two spaces and aligns the `=` of consecutive one-line attributes, as `terraform fmt`
 * does, so that the output is what a person would write.
 */
import { quoted } from './strings.js'

/** An attribute `name = value`; `value` is HCL expression text (a heredoc spans several lines). */
export interface Attr {
  readonly kind: 'attr'
  readonly name: string
  readonly value: string
}

export interface Block {
  readonly kind: 'block'
  readonly type: string
  readonly labels: ReadonlyArray<string>
  readonly body: ReadonlyArray<Item>
}

/** A `# …` comment line (notes about what the dialect cannot say). */
export interface Comment {
  readonly kind: 'comment'
  readonly text: string
}

export type Item = Attr | Block | Comment

export const attr = (name: string, value: string): Attr => ({ kind: 'attr', name, value })
export const comment = (text: string): Comment => ({ kind: 'comment', text })
export const block = (type: string, labels: ReadonlyArray<string>, body: ReadonlyArray<Item | undefined>): Block => ({
  kind: 'block',
  type,
  labels,
  body: body.filter((i): i is Item => i !== undefined),
})

/** An attribute only when `value` is defined (for optional fields). */
export const opt = (name: string, value: string | undefined): Attr | undefined => (value === undefined ? undefined : attr(name, value))

/** A label: always a quoted string, escaped like any string (labels may be templates in the dialect). */
const label = quoted

const isMultiLine = (i: Item): boolean => i.kind === 'attr' && i.value.includes('\n')

/**
 * Indent a multi-line attribute value: heredoc body lines are already indented by values.ts
 * relative to the attribute; every line but the first gets the block's indentation too, except
 * empty lines (they must stay empty so that `<<-` does not count them).
 */
const indentValue = (v: string, pad: string): string =>
  v
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : pad + l))
    .join('\n')

const printItems = (items: ReadonlyArray<Item>, depth: number): string[] => {
  const pad = '  '.repeat(depth)
  const out: string[] = []
  let i = 0
  while (i < items.length) {
    const it = items[i] as Item
    if (it.kind === 'attr' && !isMultiLine(it)) {
      // a run of one-line attributes, aligned on `=`
      let j = i
      while (j < items.length && (items[j] as Item).kind === 'attr' && !isMultiLine(items[j] as Item)) j++
      const run = items.slice(i, j) as Attr[]
      const width = Math.max(...run.map((a) => a.name.length))
      for (const a of run) out.push(`${pad}${a.name.padEnd(width)} = ${a.value}`)
      i = j
      continue
    }
    if (it.kind === 'attr') out.push(`${pad}${it.name} = ${indentValue(it.value, pad)}`)
    else if (it.kind === 'comment') out.push(...it.text.split('\n').map((l) => `${pad}# ${l}`.trimEnd()))
    else {
      // blank line between a block and what precedes it, for readability
      if (out.length && depth > 0) out.push('')
      out.push(...printBlock(it, depth))
      if (i + 1 < items.length && (items[i + 1] as Item).kind !== 'block' && depth > 0) out.push('')
    }
    i++
  }
  return out
}

const printBlock = (b: Block, depth: number): string[] => {
  const pad = '  '.repeat(depth)
  const head = [b.type, ...b.labels.map(label)].join(' ')
  if (b.body.length === 0) return [`${pad}${head} {}`]
  return [`${pad}${head} {`, ...printItems(b.body, depth + 1), `${pad}}`]
}

/** The whole document: top-level items separated by blank lines, ending with a newline. */
export const printDocument = (items: ReadonlyArray<Item>): string => {
  const chunks: string[] = []
  for (const it of items) {
    const lines = it.kind === 'block' ? printBlock(it, 0) : printItems([it], 0)
    chunks.push(lines.join('\n'))
  }
  return chunks.length ? `${chunks.join('\n\n')}\n` : ''
}
