import { lazy, StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider, Spin } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import enUS from 'antd/locale/en_US'
import { useTranslation } from 'react-i18next'
import './lib/global.css'
import './lib/i18n'
import { ApiError } from './lib/api/client'
import { SessionProvider, useSession } from './lib/session'
import LoginPage from './console/LoginPage'

// The console (menu, pages, ProComponents) loads only after login: the login page stays light.
const ConsoleLayout = lazy(() => import('./console/ConsoleLayout'))
// The public portal needs no session and loads none of the console.
const PortalApp = lazy(() => import('./portal/PortalApp'))
const isPortal = () => window.location.pathname === '/portal' || window.location.pathname.startsWith('/portal/')
// The field app for grid workers' phones: the same login, none of the console.
const FieldApp = lazy(() => import('./field/FieldApp'))
const isField = () => window.location.pathname === '/field' || window.location.pathname.startsWith('/field/')

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal will not change by asking again; a network hiccup may.
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
})

function Root() {
  if (isPortal()) {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', margin: '40vh auto' }} />}>
        <PortalApp />
      </Suspense>
    )
  }
  return <SignedIn>{isField() ? <FieldApp /> : <ConsoleLayout />}</SignedIn>
}

/** The login page until there is a session, then the app. */
function SignedIn({ children }: { children: React.ReactNode }) {
  const { me, loading } = useSession()
  if (loading) return <Spin style={{ display: 'block', margin: '40vh auto' }} />
  if (!me) return <LoginPage />
  return <Suspense fallback={<Spin style={{ display: 'block', margin: '40vh auto' }} />}>{children}</Suspense>
}

function App() {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1668dc' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <Root />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>)
