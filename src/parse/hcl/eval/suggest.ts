/** "Did you mean …?": the closest known name by Levenshtein distance, when close enough. */

export const levenshtein = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length]!
}

/** The closest candidate within a third of the name's length (at least 2 edits), first on ties. */
export const closest = (name: string, candidates: Iterable<string>): string | undefined => {
  let best: string | undefined
  let bestD = Infinity
  const limit = Math.max(2, Math.floor(name.length / 3))
  for (const c of candidates) {
    const d = levenshtein(name.toLowerCase(), c.toLowerCase())
    if (d < bestD && d <= limit) {
      best = c
      bestD = d
    }
  }
  return best
}

/** ` Did you mean "x"?` or nothing. */
export const didYouMean = (name: string, candidates: Iterable<string>): string => {
  const c = closest(name, candidates)
  return c === undefined ? '' : ` Did you mean "${c}"?`
}
