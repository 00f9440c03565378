/**
 * The live feed (/api/cases/feed, server-sent events fed by the database): every case page keeps
 * its lists, counts and open case current with it. Bursts are folded into one refresh (300 ms).
 */
import { useEffect, useRef } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { keys } from './queries'

export interface FeedEvent { id: number; action: string; state: string; emergency: boolean }

export function useCaseFeed(onEvent?: (e: FeedEvent) => void) {
  const queries = useQueryClient()
  const onEventRef = useRef(onEvent)
  onEventRef.current = onEvent
  useEffect(() => {
    const source = new EventSource('/api/cases/feed')
    let timer: ReturnType<typeof setTimeout> | undefined
    source.addEventListener('case', (e) => {
      onEventRef.current?.(JSON.parse((e as MessageEvent<string>).data) as FeedEvent)
      clearTimeout(timer)
      // The declaration and the catalogue do not change with a case.
      timer = setTimeout(() => {
        void queries.invalidateQueries({ queryKey: keys.all, predicate: (q) => q.queryKey[1] !== 'loop' && q.queryKey[1] !== 'catalogue' })
      }, 300)
    })
    return () => { clearTimeout(timer); source.close() }
  }, [queries])
}
