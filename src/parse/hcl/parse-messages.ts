/**
 * Syntax error wording: Chevrotain's messages list token paths; ours say what the HCL writer
 * missed, by grammar rule.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain'
import { Assign, Dot, Ident, LCurly, NL } from './lexer.js'

export const describeToken = (t: IToken): string =>
  t.tokenType === EOF ? 'end of file' : t.tokenType === NL ? 'end of line' : `'${t.image}'`

const describeType = (t: TokenType): string => {
  if (t === EOF) return 'end of file'
  const label = t.LABEL
  return label !== undefined ? label : t.name
}

const found = (t: IToken | undefined): string => (t === undefined ? '' : `, found ${describeToken(t)}`)

const WHAT: Readonly<Record<string, string>> = {
  primary: 'an expression',
  postfix: 'an expression',
  unary: 'an expression',
  expression: 'an expression',
  directive: "a template directive ('if', 'else', 'endif', 'for' or 'endfor')",
  label: 'a block label',
  objectItem: 'an object item',
} as const

export const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    if (ruleName === 'item' && expected === LCurly) {
      // `type integer`: most often an attribute written without its '='
      const hint = previous.tokenType === Ident && (actual.tokenType === NL || actual.tokenType === EOF) ? ` (or '=' before '${previous.image}')` : ''
      return `expected '{' after the block labels${hint}${found(actual)}`
    }
    if (ruleName === 'item' && expected === Assign) return `expected '=' or '{' after attribute name '${previous.image}'${found(actual)}`
    return `expected ${describeType(expected)}${found(actual)}`
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`
  },
  buildNoViableAltMessage({ actual, previous, ruleName }) {
    const next = actual[0]
    if (ruleName === 'item') return `expected '=' or '{' after attribute name '${previous.image}'${found(next)}`
    if (ruleName === 'postfix' && previous.tokenType === Dot) return `expected a name, a number or '*' after '.'${found(next)}`
    if (ruleName === 'object') return `expected '=' or ':' after an object key${found(next)}`
    if (ruleName === 'closer') return `expected '}' to close the template interpolation or directive${found(next)}`
    return `expected ${WHAT[ruleName] ?? ruleName}${found(next)}`
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    return `expected ${WHAT[ruleName] ?? ruleName}${found(actual[0])}`
  },
}
