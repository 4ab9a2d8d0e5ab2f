export type { Queryable } from './queryable.js'
export { inspect, serverVersion, type InspectOptions } from './inspect.js'
export { connect, maskUrl, type Connection } from './connect.js'
