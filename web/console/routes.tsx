/**
 * The console's pages: path, menu label, icon and the permission that shows them. The menu and the
 * router are both built from this list, so a page the user may not use is neither listed nor
 * reachable (the server refuses its data anyway). Pages load on demand.
 */
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'
import { ApartmentOutlined, DashboardOutlined, EnvironmentOutlined, ShopOutlined, TeamOutlined, AimOutlined, SettingOutlined, UserOutlined, AuditOutlined, AlertOutlined, ScheduleOutlined } from '@ant-design/icons'
import type { Action } from '../../src/modules/access/policy.ts'

export interface ConsoleRoute {
  path: string
  /** key under `menu.` in the common namespace */
  label: string
  icon: ReactNode
  /** the action (see src/modules/access/policy.ts) the page needs */
  permission?: Action
  page: LazyExoticComponent<ComponentType>
  /** reachable but not listed in the menu */
  hidden?: boolean
}

const consoleRoutes: ConsoleRoute[] = [
  { path: '/map', label: 'map', icon: <EnvironmentOutlined />, permission: 'area.read', page: lazy(() => import('./map/MapPage')) },
  { path: '/areas', label: 'areas', icon: <ApartmentOutlined />, permission: 'area.read', page: lazy(() => import('./areas/AreasPage')) },
  { path: '/businesses', label: 'businesses', icon: <ShopOutlined />, permission: 'business.read', page: lazy(() => import('./businesses/BusinessesPage')) },
  { path: '/unplaced', label: 'unplaced', icon: <AimOutlined />, permission: 'business.read', page: lazy(() => import('./businesses/UnplacedPage')) },
  { path: '/people', label: 'people', icon: <TeamOutlined />, permission: 'person.read', page: lazy(() => import('./people/PeoplePage')) },
  // business.read: the page shows businesses placed and grid staffing, not only the areas
  { path: '/coverage', label: 'coverage', icon: <DashboardOutlined />, permission: 'business.read', page: lazy(() => import('./coverage/CoveragePage')) },
  { path: '/settings', label: 'settings', icon: <SettingOutlined />, permission: 'settings.manage', page: lazy(() => import('./settings/SettingsPage')) },
  { path: '/cases', label: 'cases', icon: <AlertOutlined />, permission: 'case.read', page: lazy(() => import('./cases/CasesPage')) },
  { path: '/command', label: 'command', icon: <DashboardOutlined />, permission: 'case.read', page: lazy(() => import('./command/CommandPage')) },
  { path: '/patrols', label: 'patrols', icon: <ScheduleOutlined />, permission: 'patrolItem.read', page: lazy(() => import('./patrols/PatrolsPage')) },
  { path: '/markets', label: 'markets', icon: <ShopOutlined />, permission: 'market.read', page: lazy(() => import('./markets/MarketsPage')) },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read', page: lazy(() => import('./audit/AuditPage')) },
  { path: '/account', label: 'account', icon: <UserOutlined />, page: lazy(() => import('./account/AccountPage')) },
]

export function routesFor(can: (permission: Action) => boolean): ConsoleRoute[] {
  return consoleRoutes.filter((r) => !r.permission || can(r.permission))
}
