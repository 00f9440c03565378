/**
 * The console frame: ProLayout with the menu of the pages this user may use, the user's area scope
 * always visible in the header, language switch and log-out. Pages render inside it.
 * On a phone (narrower than antd's `md`, 768 px, where ProLayout turns its menu into a drawer) the
 * header keeps only the scope: the user's name, the language and log-out move to the foot of the
 * menu drawer, and the drawer closes once a page is chosen (issue 13 §3).
 */
import { Suspense, useState } from 'react'
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { ProLayout } from '@ant-design/pro-components'
import { Button, Space, Spin, Tag, Tooltip } from 'antd'
import { EnvironmentOutlined, LogoutOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useSession } from '../lib/session'
import { usePhone } from '../lib/screen'
import { LanguageSwitch } from './LanguageSwitch'
import { NotFoundPage } from './NotFoundPage'
import { ReloginDialog } from './ReloginDialog'
import { routesFor } from './routes'

export default function ConsoleLayout() {
  const { t } = useTranslation()
  const { me, can, logOut } = useSession()
  const location = useLocation()
  const routes = routesFor(can)
  const phone = usePhone()
  const [collapsed, setCollapsed] = useState<boolean>()
  if (!me) return null

  const logout = <Button type="text" size="small" icon={<LogoutOutlined />} onClick={() => void logOut()}>{t('logout')}</Button>
  const scopeLabel = me.scope ? `${me.scopeName ?? ''} ${me.scope}` : t('scopeAll')
  return (
    <>
      <ProLayout
        title={t('productShort')}
        logo={false}
        layout="mix"
        fixSiderbar
        siderWidth={232}
        location={{ pathname: location.pathname }}
        route={{ path: '/', routes: routes.filter((r) => !r.hidden).map((r) => ({ path: r.path, name: t(`menu.${r.label}`), icon: r.icon })) }}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        menuItemRender={(item, dom) => <Link to={item.path ?? '/'} onClick={() => phone && setCollapsed(true)}>{dom}</Link>}
        actionsRender={() => [
          <Tooltip key="scope" title={t('scope')}>
            <Tag icon={<EnvironmentOutlined />} color="blue" data-testid="scope" className="scope-tag">{scopeLabel}</Tag>
          </Tooltip>,
          ...(phone ? [] : [<LanguageSwitch key="lang" />]),
        ]}
        avatarProps={phone ? undefined : {
          title: me.displayName,
          size: 'small',
          render: (_props, dom) => (
            <Space>
              {dom}
              {logout}
            </Space>
          ),
        }}
        menuFooterRender={phone ? () => (
          <Space direction="vertical" size={8} style={{ padding: '8px 16px', width: '100%' }} data-testid="menu-footer">
            <span>{me.displayName}</span>
            <LanguageSwitch />
            {logout}
          </Space>
        ) : undefined}
        token={{ pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 16 } }}
      >
        <Suspense fallback={<Spin style={{ display: 'block', margin: '20vh auto' }} tip={t('loading')}><div /></Spin>}>
          <Routes>
            {routes.map((r) => <Route key={r.path} path={r.path + '/*'} element={<r.page />} />)}
            <Route path="/" element={<Navigate to={routes[0]?.path ?? '/account'} replace />} />
            <Route path="/login" element={<Navigate to={routes[0]?.path ?? '/account'} replace />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ProLayout>
      <ReloginDialog />
    </>
  )
}
