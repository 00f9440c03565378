import { useState } from 'react'
import { Alert, Button, Form, Input } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useSession } from '../lib/session'

/** User name and password; the server's refusal (wrong password, locked account) shown above. */
export function LoginForm({ username }: { username?: string }) {
  const { t } = useTranslation()
  const { logIn } = useSession()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(values: { username: string; password: string }) {
    setBusy(true)
    setError(null)
    try {
      await logIn(values.username.trim(), values.password)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form name="login" layout="vertical" size="large" onFinish={submit} initialValues={{ username }} requiredMark={false}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!username} disabled={!!username} />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!username} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
    </Form>
  )
}
