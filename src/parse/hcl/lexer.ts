/**
 * The HCL native-syntax lexer: one Chevrotain multi-mode lexer, built once, one pass over the text.
 *
 * Modes: `main` (expressions and bodies), `quoted` (the inside of "…") and `heredoc` (the lines
 * of <<EOT … EOT). `${` and `%{` push `main`, `{` pushes `main` too so that the `}` that pops
 * always returns to the mode it interrupted (a template or an outer brace). Newlines are tokens
 * everywhere; the pass in parse-layout.ts drops those inside brackets. Heredoc delimiters are a stack
 * shared by the two heredoc matchers for the duration of one `lex` call.
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type ILexingError, type IToken, type TokenType } from 'chevrotain'

const delimiters: string[] = []

const HEREDOC_START = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/y

const matchHeredocStart: CustomPatternMatcherFunc = (text, offset) => {
  HEREDOC_START.lastIndex = offset
  const m = HEREDOC_START.exec(text)
  if (m === null) return null
  delimiters.push(m[2] ?? '')
  return m
}

/** A line made of optional blanks and the current delimiter (the newline after it stays a token). */
const matchHeredocEnd: CustomPatternMatcherFunc = (text, offset) => {
  const delimiter = delimiters[delimiters.length - 1]
  if (delimiter === undefined || (offset > 0 && text.charCodeAt(offset - 1) !== 10)) return null
  let i = offset
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++
  if (!text.startsWith(delimiter, i)) return null
  const end = i + delimiter.length
  const next = text.charCodeAt(end)
  if (!(end === text.length || next === 10 || (next === 13 && text.charCodeAt(end + 1) === 10))) return null
  delimiters.pop()
  return [text.slice(offset, end)]
}

/** every token the parser sees is also an AnyToken, so that recovery can consume "whatever comes" */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA })
type Config = Parameters<typeof createToken>[0]
const tok = (config: Config): TokenType => createToken({ ...config, categories: [...[config.categories ?? []].flat(), AnyToken] })

export const Ident = tok({ name: 'Ident', pattern: /[A-Za-z_][A-Za-z0-9_-]*/, label: 'a name' })
const keyword = (name: string, word: string): TokenType =>
  tok({ name, pattern: new RegExp(word), longer_alt: Ident, categories: [Ident], label: `'${word}'` })
export const True = keyword('True', 'true')
export const False = keyword('False', 'false')
export const Null = keyword('Null', 'null')
export const For = keyword('For', 'for')
export const In = keyword('In', 'in')
export const If = keyword('If', 'if')
export const Else = keyword('Else', 'else')
export const EndIf = keyword('EndIf', 'endif')
export const EndFor = keyword('EndFor', 'endfor')

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r]+/, group: Lexer.SKIPPED })
const LineComment = createToken({ name: 'LineComment', pattern: /(?:#|\/\/)[^\r\n]*/, group: Lexer.SKIPPED })
const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, line_breaks: true, group: Lexer.SKIPPED })
/** removed with a diagnostic by the layout pass */
export const UnclosedComment = tok({ name: 'UnclosedComment', pattern: /\/\*[\s\S]*/, line_breaks: true })
export const NL = tok({ name: 'NL', pattern: /\r?\n/, line_breaks: true, label: 'newline' })
export const HeredocStart = tok({
  name: 'HeredocStart',
  pattern: matchHeredocStart,
  line_breaks: true,
  start_chars_hint: ['<'],
  push_mode: 'heredoc',
})
export const HeredocEnd = tok({ name: 'HeredocEnd', pattern: matchHeredocEnd, line_breaks: false, pop_mode: true })
export const NumberLit = tok({ name: 'NumberLit', pattern: /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/ })

const punct = (name: string, image: string, extra: Partial<{ push_mode: string; pop_mode: boolean; categories: TokenType[] }> = {}): TokenType =>
  tok({ name, pattern: image, label: `'${image}'`, ...extra })

export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA, label: 'an operator' })
export const UnaryOp = createToken({ name: 'UnaryOp', pattern: Lexer.NA })

export const Ellipsis = punct('Ellipsis', '...')
export const Dot = punct('Dot', '.')
export const Comma = punct('Comma', ',')
export const Colon = punct('Colon', ':')
export const Question = punct('Question', '?')
export const FatArrow = punct('FatArrow', '=>')
export const EqEq = punct('EqEq', '==', { categories: [BinaryOp] })
export const NotEq = punct('NotEq', '!=', { categories: [BinaryOp] })
export const Gte = punct('Gte', '>=', { categories: [BinaryOp] })
export const Lte = punct('Lte', '<=', { categories: [BinaryOp] })
export const Gt = punct('Gt', '>', { categories: [BinaryOp] })
export const Lt = punct('Lt', '<', { categories: [BinaryOp] })
export const AndAnd = punct('AndAnd', '&&', { categories: [BinaryOp] })
export const OrOr = punct('OrOr', '||', { categories: [BinaryOp] })
export const Bang = punct('Bang', '!', { categories: [UnaryOp] })
export const Assign = punct('Assign', '=')
export const Plus = punct('Plus', '+', { categories: [BinaryOp] })
export const Minus = punct('Minus', '-', { categories: [BinaryOp, UnaryOp] })
export const Star = punct('Star', '*', { categories: [BinaryOp] })
export const Slash = punct('Slash', '/', { categories: [BinaryOp] })
export const Percent = punct('Percent', '%', { categories: [BinaryOp] })
export const LParen = punct('LParen', '(')
export const RParen = punct('RParen', ')')
export const LBracket = punct('LBracket', '[')
export const RBracket = punct('RBracket', ']')
export const LCurly = punct('LCurly', '{', { push_mode: 'main' })
export const RCurly = punct('RCurly', '}', { pop_mode: true })
/** `~}`: closes an interpolation or directive and strips the whitespace after it */
export const StripClose = punct('StripClose', '~}', { pop_mode: true })
export const OQuote = tok({ name: 'OQuote', pattern: '"', label: "'\"'", push_mode: 'quoted' })
export const CQuote = tok({ name: 'CQuote', pattern: '"', label: "closing '\"'", pop_mode: true })
/** `${` or `${~` */
export const TemplateInterp = tok({ name: 'TemplateInterp', pattern: /\$\{~?/, label: "'${'", push_mode: 'main' })
/** `%{` or `%{~` */
export const TemplateControl = tok({ name: 'TemplateControl', pattern: /%\{~?/, label: "'%{'", push_mode: 'main' })
export const QuotedText = tok({
  name: 'QuotedText',
  pattern: /(?:[^"\\$%\r\n]|\\[^\r\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))+/,
  label: 'string text',
})
/** a newline before the closing quote: the layout pass reports it and turns it into a newline */
export const QuotedNewline = tok({ name: 'QuotedNewline', pattern: /\r?\n/, line_breaks: true, pop_mode: true })
/** one heredoc line (through its newline), or the text before an interpolation */
export const HeredocText = tok({
  name: 'HeredocText',
  pattern: /(?:[^$%\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))*\n|(?:[^$%\n]|\$\$\{|%%\{|\$(?!\{)|%(?!\{))+/,
  line_breaks: true,
  label: 'heredoc text',
})

const mainMode: TokenType[] = [
  WhiteSpace, NL, LineComment, BlockComment, UnclosedComment, HeredocStart, NumberLit,
  True, False, Null, For, In, If, Else, EndIf, EndFor, Ident,
  Ellipsis, Dot, Comma, Colon, Question, FatArrow, EqEq, NotEq, Gte, Lte, Gt, Lt, AndAnd, OrOr,
  Bang, Assign, Plus, Minus, Star, Slash, Percent, LParen, RParen, LBracket, RBracket,
  LCurly, RCurly, StripClose, OQuote,
]

/** every token type, for the parser (categories included) */
export const allTokens: TokenType[] = [
  ...mainMode, AnyToken, BinaryOp, UnaryOp, HeredocEnd, CQuote, TemplateInterp, TemplateControl,
  QuotedText, QuotedNewline, HeredocText,
]

const POP = 'pop'

let lexer: Lexer | undefined

const instance = (): Lexer => {
  lexer ??= new Lexer(
    {
      defaultMode: 'main',
      modes: {
        main: mainMode,
        quoted: [TemplateInterp, TemplateControl, CQuote, QuotedText, QuotedNewline],
        heredoc: [HeredocEnd, TemplateInterp, TemplateControl, HeredocText],
      },
    },
    {
      positionTracking: 'full',
      lineTerminatorsPattern: /\n/g,
      lineTerminatorCharacters: ['\n'],
      ensureOptimizations: false,
      errorMessageProvider: {
        buildUnexpectedCharactersMessage: (text, offset, length) => `unexpected character ${JSON.stringify(text.slice(offset, offset + length))}`,
        // a `}` with nothing open: the parser reports it
        buildUnableToPopLexerModeMessage: () => POP,
      },
    },
  )
  return lexer
}

export interface Lexed {
  readonly tokens: IToken[]
  readonly errors: ReadonlyArray<ILexingError>
}

export const lex = (text: string): Lexed => {
  delimiters.length = 0
  const r = instance().tokenize(text)
  delimiters.length = 0
  return { tokens: r.tokens, errors: r.errors.filter((e) => e.message !== POP) }
}
