import { Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from './LanguageSwitch'
import { LoginForm } from './LoginForm'

export default function LoginPage() {
  const { t } = useTranslation()
  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}><LanguageSwitch /></div>
      <Card style={{ width: 400, maxWidth: '92vw' }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>{t('productShort')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        <LoginForm />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>{t('login.demo')}</Typography.Paragraph>
      </Card>
    </main>
  )
}
