import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, ApiError, unwrap } from '../../lib/api/client'
import { useSession } from '../../lib/session'
import AccountsCard from './AccountsCard'

/**
 * Who am I, and change my password (the server's password rules answer in the user's language); for
 * the security administrator, the accounts with their failed logins and an unlock button.
 */
export default function AccountPage() {
  const { t } = useTranslation('account')
  const { me, refresh, can } = useSession()
  const [form] = Form.useForm()
  const [done, setDone] = useState(false)

  async function submit(values: { currentPassword: string; newPassword: string }) {
    setDone(false)
    try {
      await unwrap(api.POST('/api/auth/password', { body: values }))
      form.resetFields()
      setDone(true)
      if (me?.passwordExpired) await refresh()
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      const field = e instanceof ApiError && e.code.startsWith('auth.password') ? 'newPassword' : 'currentPassword'
      form.setFields([{ name: field, errors: [message] }])
    }
  }

  if (!me) return null
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 720 }}>
      <Card title={t('who')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('name')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('roles')}>{me.roles.map((r) => <Tag key={r}>{t(`common:roles.${r}`)}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('common:scope')}>{me.scope ? `${me.scopeName ?? ''} (${me.scope})` : t('common:scopeAll')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('changePassword')}>
        {me.passwordExpired && (
          <Alert type="warning" showIcon data-testid="password-must-change" message={t('mustChange')} style={{ marginBottom: 16 }} />
        )}
        {done && <Alert type="success" showIcon message={t('changed')} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 400 }}>
          <Form.Item name="currentPassword" label={t('current')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('new')} extra={t('rule')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('common:save')}</Button>
        </Form>
      </Card>
      {can('user.manage') && <AccountsCard />}
    </Space>
  )
}
