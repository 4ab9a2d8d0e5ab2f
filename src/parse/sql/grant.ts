/** GRANT / REVOKE privileges on objects. (issue 3: being written) */
import type { GrantStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

export const grantStmt = (c: Ctx, _n: GrantStmt): void => c.st.warn('W-UNSUPPORTED', 'GRANT/REVOKE is not supported; statement skipped', c.span)
