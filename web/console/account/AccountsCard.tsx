import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Card, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, unwrap } from '../../lib/api/client'
import { formatDateTime } from '../../../src/shared/dates.ts'
import { useLocalPages } from '../../lib/Pager'

type UserView = Awaited<ReturnType<typeof fetchUsers>>[number]

async function fetchUsers() {
  return unwrap(api.GET('/api/users'))
}

/**
 * The security administrator's view of the accounts: who failed to log in, whose login an address is
 * waiting for, and an unlock button (PATCH unlock, audited). Account creation stays in the API for now.
 */
export default function AccountsCard() {
  const { t, i18n } = useTranslation('account')
  const { message } = App.useApp()
  const queries = useQueryClient()
  const users = useQuery({ queryKey: ['users'], queryFn: fetchUsers })
  const pages = useLocalPages(users.data ?? [], 20)

  async function unlock(user: UserView) {
    try {
      await unwrap(api.PATCH('/api/users/{id}', { params: { path: { id: user.id } }, body: { unlock: true } }))
      message.success(t('unlocked', { username: user.username }))
      await queries.invalidateQueries({ queryKey: ['users'] })
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <Card title={t('accounts')} data-testid="accounts">
      <Table<UserView>
        rowKey="id" size="small" loading={users.isLoading} dataSource={pages.rows} pagination={false} footer={pages.bar ? () => pages.bar : undefined}
        columns={[
          { title: t('username'), dataIndex: 'username' },
          { title: t('name'), dataIndex: 'displayName' },
          { title: t('roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`common:roles.${r}`)}</Tag>) },
          { title: t('failedLogins'), dataIndex: 'failedLogins' },
          {
            title: t('lastFailed'), dataIndex: 'lastFailedLoginAt',
            render: (at: string | null) => (at ? formatDateTime(at, i18n.language) : '—'),
          },
          {
            title: t('state'), key: 'state',
            render: (_, u) => (
              <>
                {u.locked && <Tag color="orange">{t('locked')}</Tag>}
                {u.disabled && <Tag>{t('disabled')}</Tag>}
                {u.mustChangePassword && <Tag color="blue">{t('mustChangeTag')}</Tag>}
              </>
            ),
          },
          {
            title: '', key: 'actions',
            render: (_, u) => (u.locked || u.failedLogins > 0
              ? <Button size="small" data-testid={`unlock-${u.username}`} onClick={() => void unlock(u)}>{t('unlock')}</Button>
              : null),
          },
        ]}
      />
    </Card>
  )
}
