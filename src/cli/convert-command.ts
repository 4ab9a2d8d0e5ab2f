/**
 * `pgcharter convert FILE… --to hcl|sql`: SQL → HCL prints the canonical HCL of the loaded
 * catalog; HCL (or SQL) → SQL prints the migration from an empty database. No database involved.
 */
import { parseArgs } from 'node:util'
import { emitCreateSql, emitHclWithNotes } from '../emit/index.js'
import { diagnostic, isError } from '../ir/span.js'
import { pgVersionArg, usage } from './args.js'
import { formatDiagnostics } from './diagnostics.js'
import { UsageError } from './errors.js'
import { HELP } from './help.js'
import { isDatabaseUrl, loadSources, varsArg } from './sources.js'

export const runConvert = async (argv: string[]): Promise<number> => {
  const { values, positionals } = usage(() =>
    parseArgs({
      args: argv,
      options: {
        to: { type: 'string' },
        'pg-version': { type: 'string' },
        role: { type: 'string' },
        var: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }),
  )
  if (values.help) {
    process.stdout.write(HELP.convert)
    return 0
  }
  const to = values.to
  if (to !== 'hcl' && to !== 'sql') throw new UsageError(`convert needs --to hcl or --to sql${to === undefined ? '' : ` (got "${to}")`} (see pgcharter convert --help)`)
  if (positionals.length === 0) throw new UsageError('convert needs at least one FILE (see pgcharter convert --help)')
  const url = positionals.find(isDatabaseUrl)
  if (url !== undefined) throw new UsageError(`${url}: convert reads files only (use pgcharter inspect for a database)`)
  const settings = {
    pgVersion: pgVersionArg(values['pg-version']),
    role: values.role ?? 'postgres',
    vars: varsArg(values.var),
    env: process.env,
  }
  const loaded = await loadSources(positionals, settings)
  if (loaded.diagnostics.length) process.stderr.write(`${formatDiagnostics(loaded.diagnostics, loaded.texts)}\n`)
  if (loaded.diagnostics.some(isError)) return 2
  if (to === 'sql') {
    process.stdout.write(emitCreateSql(loaded.catalog))
    return 0
  }
  const out = emitHclWithNotes(loaded.catalog, { role: settings.role })
  // what HCL cannot say is a warning (also a `# note:` comment in the output)
  if (out.notes.length) process.stderr.write(`${formatDiagnostics(out.notes.map((n) => diagnostic('warning', 'W-HCL-INEXPRESSIBLE', n)), new Map())}\n`)
  process.stdout.write(out.text)
  return 0
}
