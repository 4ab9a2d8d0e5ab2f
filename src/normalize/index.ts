export * from './expr.js'
