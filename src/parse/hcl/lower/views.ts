/**
 * Lowerers for view and materialized blocks: CREATE [MATERIALIZED] VIEW in 'views' (the runner
 * retries a view whose dependencies come later); column comments, owner and a materialized view's
 * indexes in 'attached'.
 */
import { quoteIdent } from '../../../ir/names.js'
import type { BlockLowerer, BlockView, LowerContext } from './context.js'
import { readBool, readKeyword } from './read.js'
import { queueComment, queueOwner, readSql, required, sqlName } from './sql-common.js'
import { lowerIndex } from './table-index.js'

/** The query of `as`, without the final semicolon and blank space a heredoc brings. */
const query = (ctx: LowerContext, b: BlockView): string | undefined => {
  const q = required(ctx, b, 'as', readSql(ctx, b, 'as'))
  return q?.replace(/[\s;]+$/, '')
}

/** `column "c" { comment }` blocks: COMMENT ON COLUMN. */
const columnComments = (ctx: LowerContext, b: BlockView, name: string): void => {
  for (const c of b.blocks('column')) {
    ctx.allow(c, ['comment'], [])
    queueComment(ctx, c, `COLUMN ${name}.${quoteIdent(c.address.name)}`)
  }
}

const CHECK_OPTIONS = ['LOCAL', 'CASCADED'] as const

const view: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'as', 'check_option', 'security_barrier', 'security_invoker', 'comment', 'owner'], ['column'])
  const name = sqlName(b.address)
  const q = query(ctx, b)
  const checkOption = readKeyword(ctx, b, 'check_option', CHECK_OPTIONS)
  const options = [
    ...(readBool(ctx, b, 'security_barrier') === true ? ['security_barrier = true'] : []),
    ...(readBool(ctx, b, 'security_invoker') === true ? ['security_invoker = true'] : []),
  ]
  if (q !== undefined)
    ctx.sql(
      'views',
      `CREATE VIEW ${name}${options.length ? ` WITH (${options.join(', ')})` : ''} AS ${q}${checkOption !== undefined ? `\nWITH ${checkOption} CHECK OPTION` : ''}`,
      b.nameSpan,
    )
  queueComment(ctx, b, `VIEW ${name}`)
  columnComments(ctx, b, name)
  queueOwner(ctx, b, 'VIEW', name)
}

const materialized: BlockLowerer = (b, ctx) => {
  ctx.allow(b, ['schema', 'as', 'with_data', 'comment', 'owner'], ['column', 'index'])
  const name = sqlName(b.address)
  const q = query(ctx, b)
  const withData = readBool(ctx, b, 'with_data') ?? true
  if (q !== undefined) ctx.sql('views', `CREATE MATERIALIZED VIEW ${name} AS ${q}\nWITH ${withData ? '' : 'NO '}DATA`, b.nameSpan)
  for (const i of b.blocks('index')) lowerIndex(ctx, i, name, b.address.schema, 'attached')
  queueComment(ctx, b, `MATERIALIZED VIEW ${name}`)
  columnComments(ctx, b, name)
  queueOwner(ctx, b, 'MATERIALIZED VIEW', name)
}

export const VIEW_LOWERERS: Readonly<Record<string, BlockLowerer>> = { view, materialized }
