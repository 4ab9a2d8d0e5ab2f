import { CatalogCodec } from '../ir/catalog.js'
import { emitCreateSql } from '../emit/index.js'
import { HELP } from './help.js'
import { parseArgs } from 'node:util'
import { formatArg, usage } from './args.js'
import { loadUrl, isDatabaseUrl } from './sources.js'
import { UsageError } from './errors.js'

export const runInspect = async (argv: string[]): Promise<number> => {
  const { values } = usage(() =>
    parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
    }),
  )
  if (values.help) {
    process.stdout.write(HELP.inspect)
    return 0
  }
  if (!values.url) throw new UsageError('inspect needs --url URL (see pgcharter inspect --help)')
  if (!isDatabaseUrl(values.url)) throw new UsageError(`not a database URL: ${values.url}`)
  const format = formatArg(values.format, ['sql', 'json'] as const, 'sql')
  const catalog = await loadUrl(values.url)
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(CatalogCodec.encode(catalog), null, 2)}\n` : emitCreateSql(catalog),
  )
  return 0
}
