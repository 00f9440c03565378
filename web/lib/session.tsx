/**
 * Who is signed in, and what happens when the session ends. The console renders the login page
 * when nobody is; when a session expires mid-work the login opens as a dialog over the current
 * page, so nothing typed is lost, and the page's requests can simply be repeated afterwards.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { api, SESSION_EXPIRED, unwrap } from './api/client'
import type { paths } from './api/schema'
import type { Action } from '../../src/modules/access/policy.ts'

export type Me = paths['/api/auth/me']['get']['responses']['200']['content']['application/json']

interface SessionState {
  me: Me | null
  loading: boolean
  /** true when a request was refused because the session ended (the re-login dialog is open) */
  expired: boolean
  /** false for everything while the password must be changed: the console then offers the account page only */
  can(permission: Action): boolean
  /** reads /me again (after the password was changed) */
  refresh(): Promise<void>
  logIn(username: string, password: string): Promise<void>
  logOut(): Promise<void>
}

/** Set by the server at login beside the session cookie (src/server/auth-hook.ts SIGNED_IN_COOKIE). */
const SIGNED_IN_MARK = 'mg_signed_in'
const hasSignedInMark = () => document.cookie.split(';').some((c) => c.trim().startsWith(`${SIGNED_IN_MARK}=`))
const clearSignedInMark = () => { document.cookie = `${SIGNED_IN_MARK}=; path=/; max-age=0; samesite=strict` }

/**
 * The last identity the server confirmed on this browser. The field app opened with no signal (its
 * tasks and outbox are on the phone) shows it until the server can be asked; a 401 or a log-out
 * forgets it.
 */
const REMEMBERED_ME = 'mg.me'
const remember = (me: Me) => localStorage.setItem(REMEMBERED_ME, JSON.stringify(me))
const forget = () => localStorage.removeItem(REMEMBERED_ME)
function remembered(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED_ME) ?? 'null') as Me | null
  } catch {
    return null
  }
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)
  const [expired, setExpired] = useState(false)
  const queries = useQueryClient()

  const loadMe = useCallback(async () => {
    // Nobody logged in on this browser: no probe, so no 401 printed as an error on every visit.
    if (!hasSignedInMark()) { forget(); setMe(null); return null }
    let answer
    try {
      answer = await api.GET('/api/auth/me')
    } catch {
      // No network at all (not an answer): the identity last confirmed here.
      const kept = remembered()
      setMe(kept)
      return kept
    }
    const { data, response } = answer
    if (response.status === 401) { clearSignedInMark(); forget() }
    if (response.ok && data) remember(data)
    setMe(response.ok && data ? data : null)
    return response.ok && data ? data : null
  }, [])

  useEffect(() => {
    void loadMe().finally(() => setLoading(false))
  }, [loadMe])

  useEffect(() => {
    const onExpired = () => setExpired(true)
    window.addEventListener(SESSION_EXPIRED, onExpired)
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired)
  }, [])

  const logIn = useCallback(async (username: string, password: string) => {
    await unwrap(api.POST('/api/auth/login', { body: { username, password } }))
    const previous = me
    const now = await loadMe()
    setExpired(false)
    // Same person again: repeat what failed. Someone else: nothing of the previous user may stay.
    if (previous && now && previous.id !== now.id) queries.clear()
    else await queries.invalidateQueries()
  }, [me, loadMe, queries])

  const logOut = useCallback(async () => {
    await api.POST('/api/auth/logout').catch(() => undefined)
    forget()
    queries.clear()
    setMe(null)
    setExpired(false)
  }, [queries])

  const refresh = useCallback(async () => {
    await loadMe()
    await queries.invalidateQueries()
  }, [loadMe, queries])

  const value = useMemo<SessionState>(() => ({
    me, loading, expired, logIn, logOut, refresh,
    // An initial or expired password: the server refuses everything but the change, so offer nothing else.
    can: (permission) => !!me && !me.passwordExpired && me.permissions.includes(permission),
  }), [me, loading, expired, logIn, logOut, refresh])

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside SessionProvider')
  return s
}
