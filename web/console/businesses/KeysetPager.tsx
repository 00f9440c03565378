/**
 * Paging over the server's keyset pages (`after` = last id of the previous page, `nextAfter` in each
 * answer): a stack of the `after` of every page seen, so that "previous" returns exactly to the page
 * the user saw, and "next" follows the server. Pages cannot be jumped to by number (a keyset page
 * has no offset); the total comes from the count route.
 */
import { useCallback, useState } from 'react'
import { Button, Select, Space, Typography } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

export const PAGE_SIZES = [20, 50, 100, 200]

export interface Keyset {
  after: number
  page: number
  size: number
  next(nextAfter: number): void
  prev(): void
  setSize(size: number): void
}

/** The paging state; it starts again at the first page whenever `resetKey` changes. */
export function useKeyset(resetKey: string, initialSize = 50): Keyset {
  const [state, setState] = useState<{ key: string; stack: number[] }>({ key: resetKey, stack: [0] })
  const [size, setSizeState] = useState(initialSize)
  // Other filters: the first page again, in the same render (no request for a stale page).
  const stack = state.key === resetKey ? state.stack : [0]
  const next = useCallback((nextAfter: number) => setState((s) => ({ key: resetKey, stack: [...(s.key === resetKey ? s.stack : [0]), nextAfter] })), [resetKey])
  const prev = useCallback(() => setState((s) => ({ key: resetKey, stack: s.key === resetKey && s.stack.length > 1 ? s.stack.slice(0, -1) : [0] })), [resetKey])
  const setSize = useCallback((n: number) => {
    setSizeState(n)
    setState({ key: resetKey, stack: [0] })
  }, [resetKey])
  return { after: stack[stack.length - 1], page: stack.length, size, next, prev, setSize }
}

export function KeysetPager({ keyset, nextAfter, total, exact, loading }: {
  keyset: Keyset
  nextAfter: number | null | undefined
  total?: number
  exact?: boolean
  loading?: boolean
}) {
  const { t } = useTranslation('businesses')
  const pages = total !== undefined ? Math.max(1, Math.ceil(total / keyset.size)) : undefined
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }} data-testid="pager">
      {total !== undefined && (
        <Typography.Text data-testid="pager-total">
          {exact === false ? t('pager.totalMore', { count: total }) : t('pager.total', { count: total })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" data-testid="pager-page">
        {t('pager.page', { page: keyset.page })}{pages !== undefined && exact !== false ? ` / ${pages}` : ''}
      </Typography.Text>
      <Button size="small" icon={<LeftOutlined />} disabled={keyset.page <= 1 || loading} onClick={keyset.prev}>{t('pager.prev')}</Button>
      <Button size="small" disabled={nextAfter === null || nextAfter === undefined || loading} onClick={() => nextAfter != null && keyset.next(nextAfter)} data-testid="pager-next">
        {t('pager.next')}<RightOutlined />
      </Button>
      <Select
        size="small"
        value={keyset.size}
        onChange={keyset.setSize}
        options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.pageSize', { size: n }) }))}
        style={{ width: 110 }}
        aria-label={t('pager.pageSize', { size: '' })}
      />
    </Space>
  )
}
