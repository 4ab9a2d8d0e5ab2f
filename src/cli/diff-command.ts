import { freshCatalog } from '../ir/catalog.js'
import { isError } from '../ir/span.js'
import { diff } from '../diff/index.js'
import { emitJson, emitSql } from '../emit/index.js'
import { HELP } from './help.js'
import { parseArgs } from 'node:util'
import { formatArg, usage, pgVersionArg } from './args.js'
import { formatDiagnostics } from './diagnostics.js'
import { loadSources, varsArg, type Loaded } from './sources.js'
import { UsageError } from './errors.js'

export const runDiff = async (argv: string[]): Promise<number> => {
  const { values } = usage(() =>
    parseArgs({
    args: argv,
    options: {
      from: { type: 'string', multiple: true },
      to: { type: 'string', multiple: true },
      format: { type: 'string' },
      'pg-version': { type: 'string' },
      role: { type: 'string' },
      var: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
    }),
  )
  if (values.help) {
    process.stdout.write(HELP.diff)
    return 0
  }
  if (!values.to?.length) throw new UsageError('diff needs --to SRC (see pgcharter diff --help)')
  const format = formatArg(values.format, ['sql', 'json'] as const, 'sql')
  const settings = { pgVersion: pgVersionArg(values['pg-version']), role: values.role ?? 'postgres', vars: varsArg(values.var), env: process.env }

  const from: Loaded = values.from?.length
    ? await loadSources(values.from, settings)
    : { catalog: freshCatalog(settings.pgVersion), diagnostics: [], texts: new Map() }
  const to = await loadSources(values.to, settings)

  const diagnostics = [...from.diagnostics, ...to.diagnostics]
  const texts = new Map([...from.texts, ...to.texts])
  if (diagnostics.length) process.stderr.write(`${formatDiagnostics(diagnostics, texts)}\n`)
  if (diagnostics.some(isError)) return 2

  const changes = diff(from.catalog, to.catalog)
  process.stdout.write(format === 'json' ? emitJson(changes) : emitSql(changes, { pgVersion: settings.pgVersion }))
  return 0
}
