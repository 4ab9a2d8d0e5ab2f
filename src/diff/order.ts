/**
 * Deterministic topological order of change nodes: Kahn's algorithm where, among the nodes whose
 * predecessors are all placed, the smallest key goes first. A cycle (which the diff avoids) is
 * broken by placing the smallest remaining node, so the result is always total and stable.
 */
export interface Keyed {
  readonly key: string
}

export const topoOrder = <N extends Keyed>(nodes: ReadonlyArray<N>, edges: ReadonlyArray<readonly [number, number]>): N[] => {
  const n = nodes.length
  const succ: number[][] = Array.from({ length: n }, () => [])
  const indeg = new Array<number>(n).fill(0)
  const seen = new Set<string>()
  for (const [a, b] of edges) {
    if (a === b) continue
    const k = `${a},${b}`
    if (seen.has(k)) continue
    seen.add(k)
    ;(succ[a] as number[]).push(b)
    indeg[b] = (indeg[b] as number) + 1
  }
  const cmp = (a: number, b: number): number => {
    const ka = (nodes[a] as N).key
    const kb = (nodes[b] as N).key
    return ka < kb ? -1 : ka > kb ? 1 : a - b
  }
  // a sorted array as the priority queue (descending, so pop() gives the smallest)
  const ready: number[] = []
  const insert = (i: number): void => {
    let lo = 0
    let hi = ready.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cmp(ready[mid] as number, i) > 0) lo = mid + 1
      else hi = mid
    }
    ready.splice(lo, 0, i)
  }
  for (let i = 0; i < n; i++) if (indeg[i] === 0) insert(i)
  const placed = new Array<boolean>(n).fill(false)
  const out: N[] = []
  while (out.length < n) {
    let next = ready.pop()
    if (next === undefined) {
      // cycle: take the smallest node not yet placed
      let best = -1
      for (let i = 0; i < n; i++) if (!placed[i] && (best < 0 || cmp(i, best) < 0)) best = i
      next = best
    }
    if (placed[next]) continue
    placed[next] = true
    out.push(nodes[next] as N)
    for (const s of succ[next] as number[]) {
      indeg[s] = (indeg[s] as number) - 1
      if (indeg[s] === 0 && !placed[s]) insert(s)
    }
  }
  return out
}

/** Strongly connected components (Tarjan); returns, for each node, its component id. */
export const components = (ids: ReadonlyArray<string>, succ: (id: string) => ReadonlyArray<string>): Map<string, number> => {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const comp = new Map<string, number>()
  let counter = 0
  let compCount = 0
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter)
    counter++
    stack.push(v)
    onStack.add(v)
    for (const w of succ(v)) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number))
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop() as string
        onStack.delete(w)
        comp.set(w, compCount)
        if (w === v) break
      }
      compCount++
    }
  }
  for (const v of ids) if (!index.has(v)) visit(v)
  return comp
}
