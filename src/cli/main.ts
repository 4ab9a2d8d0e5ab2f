#!/usr/bin/env node
/**
 * The `pgcharter` command: argument parsing and printing only; the work is done by the library.
 */
import { readFileSync } from 'node:fs'
import { HELP } from './help.js'
import { UsageError } from './errors.js'
import { runDiff } from './diff-command.js'
import { runInspect } from './inspect-command.js'
import { runConvert } from './convert-command.js'

const version = (): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

type Command = (argv: string[]) => Promise<number>
const COMMANDS: Readonly<Record<string, Command>> = { diff: runDiff, inspect: runInspect, convert: runConvert }

const main = async (argv: string[]): Promise<number> => {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(HELP.main)
    return command === undefined ? 2 : 0
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  const run = COMMANDS[command]
  if (!run) throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see pgcharter --help)`)
  return run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`pgcharter: ${e.message}\n`)
      process.exitCode = e.exitCode
    } else {
      process.stderr.write(`pgcharter: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exitCode = 1
    }
  },
)
