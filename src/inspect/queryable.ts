/** The one thing inspection needs from a database connection (`pg.Client` and PGlite both fit). */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>
}
