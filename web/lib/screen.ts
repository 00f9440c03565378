/**
 * The screen's width class, known from the first render (antd's Grid.useBreakpoint answers only
 * after an effect, so a page loaded on a phone would first lay out, and measure, as on a desktop).
 * The widths are antd's breakpoints, which ProLayout follows too: below `md` (768 px) a phone, whose
 * menu is a drawer; below `lg` (992 px) a tablet or a phone, too narrow for side panels beside a map.
 */
import { useSyncExternalStore } from 'react'

const PHONE_QUERY = '(max-width: 767.98px)'
const NARROW_QUERY = '(max-width: 991.98px)'

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', notify)
      return () => list.removeEventListener('change', notify)
    },
    () => window.matchMedia(query).matches,
  )
}

/** Narrower than 768 px: a phone. */
export const usePhone = () => useMediaQuery(PHONE_QUERY)
/** Narrower than 992 px: a phone or a tablet. */
export const useNarrow = () => useMediaQuery(NARROW_QUERY)
