/**
 * A list's filters and order live in the query string (issue 13 §5), so that a filtered list can be
 * reloaded, bookmarked or sent to a colleague. Only the named keys are read and written; others in
 * the URL (another panel's) are left alone. Values are strings: each page parses its own.
 */
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'

export type UrlValues = Record<string, string>

export function useUrlState(keys: readonly string[]): [UrlValues, (next: Record<string, unknown>) => void] {
  const [params, setParams] = useSearchParams()
  const wanted = keys.join(',')
  const text = params.toString()
  const values = useMemo(() => {
    const out: UrlValues = {}
    for (const k of wanted.split(',')) {
      const v = params.get(k)
      if (v !== null && v !== '') out[k] = v
    }
    return out
    // text stands for params: a new URLSearchParams object with the same content must not re-run a query
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, wanted])
  const set = useCallback((next: Record<string, unknown>) => setParams((p) => {
    const n = new URLSearchParams(p)
    for (const k of wanted.split(',')) {
      const v = next[k]
      if (v === undefined || v === null || v === '') n.delete(k)
      else n.set(k, String(v))
    }
    return n
  }), [setParams, wanted])
  return [values, set]
}
