/** GRANT role TO member / REVOKE role FROM member. (issue 3: being written) */
import type { GrantRoleStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

export const grantRole = (c: Ctx, _n: GrantRoleStmt): void => c.st.warn('W-UNSUPPORTED', 'GRANT/REVOKE role is not supported; statement skipped', c.span)
