/**
 * Statements about the database the migration runs in. A schema file never names its database, so
 * they are emitted in the idiom `DO $$ BEGIN EXECUTE format('… %I …', current_database()); END $$`:
 * the migration then applies to whichever database runs it.
 */
import { quoteLiteral } from '../ir/names.js'
import { dollarQuote } from '../ir/names.js'

/** `%` is format()'s escape character: text around the database name must double it. */
const formatText = (s: string): string => s.replace(/%/g, '%%')

/**
 * `before` + the current database's name + `after`, run through EXECUTE. Both parts are complete
 * SQL (names already quoted); they end up inside a string literal inside a dollar-quoted body.
 */
export const onCurrentDatabase = (before: string, after: string): string =>
  `DO ${dollarQuote(` BEGIN EXECUTE format(${quoteLiteral(`${formatText(before)}%I${formatText(after)}`)}, current_database()); END `)}`
