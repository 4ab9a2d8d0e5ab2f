/**
 * The newline pass between lexer and parser. HCL newlines end attributes and separate object
 * items, but mean nothing inside `( )`, `[ ]`, `${ }`, `%{ }` and `{for …}`: this pass drops those,
 * so the grammar only meets newlines where they matter. It also turns lexical problems that the
 * lexer can only mark (an unclosed comment, a newline inside a quoted string) into plain tokens.
 * One pass, no copying of text.
 */
import { createTokenInstance, tokenMatcher, type IToken } from 'chevrotain'
import {
  For, Ident, LBracket, LCurly, LParen, NL, QuotedNewline, RBracket, RCurly, RParen, StripClose,
  TemplateControl, TemplateInterp, UnclosedComment,
} from './lexer.js'

export interface LayoutProblem {
  readonly token: IToken
  readonly message: string
}

export interface Laid {
  readonly tokens: IToken[]
  readonly problems: ReadonlyArray<LayoutProblem>
}

/** `{` that opens a `{for … in …}` expression (possibly after newlines) */
const opensFor = (tokens: ReadonlyArray<IToken>, i: number): boolean => {
  let j = i + 1
  while (tokens[j]?.tokenType === NL) j++
  const f = tokens[j]
  const v = tokens[j + 1]
  return f !== undefined && f.tokenType === For && v !== undefined && tokenMatcher(v, Ident)
}

export const layout = (tokens: ReadonlyArray<IToken>): Laid => {
  const out: IToken[] = []
  const problems: LayoutProblem[] = []
  // whether newlines are significant in each open bracket; the file level keeps them
  const keep: boolean[] = [true]
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t === undefined) continue
    const type = t.tokenType
    if (type === NL) {
      if (keep[keep.length - 1] === true) out.push(t)
      continue
    }
    if (type === UnclosedComment) {
      problems.push({ token: t, message: "unterminated comment: '/*' without '*/'" })
      continue
    }
    if (type === QuotedNewline) {
      // the parser reports the unterminated string; the newline still ends the attribute
      out.push(
        createTokenInstance(NL, t.image, t.startOffset, t.endOffset ?? t.startOffset, t.startLine ?? 0, t.endLine ?? 0, t.startColumn ?? 0, t.endColumn ?? 0),
      )
      continue
    }
    if (type === LParen || type === LBracket || type === TemplateInterp || type === TemplateControl) keep.push(false)
    else if (type === LCurly) keep.push(!opensFor(tokens, i))
    else if ((type === RParen || type === RBracket || type === RCurly || type === StripClose) && keep.length > 1) keep.pop()
    out.push(t)
  }
  return { tokens: out, problems }
}
