/** DO blocks: the CREATE ROLE idioms and EXECUTE format(…) statements. (issue 3: being written) */
import type { DoStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

export const doStmt = (c: Ctx, _n: DoStmt): void => c.st.warn('W-UNSUPPORTED', 'DO block is not supported; statement skipped', c.span)
