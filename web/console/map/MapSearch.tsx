/**
 * The map's search box: a business name or USCC, or an area code or name → the places that match
 * (`/api/map/locate`); choosing one (Enter takes the first) flies the map there. `/` focuses it.
 */
import { useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { AutoComplete, Input, Tag, type InputRef } from 'antd'
import { useTranslation } from 'react-i18next'
import { fetchLocate, mapPageKeys, type LocateItem } from './queries'

function itemKey(item: LocateItem): string {
  return item.kind === 'area' ? `area:${item.code}` : `business:${item.id}`
}

export function MapSearch({ onChoose }: { onChoose: (item: LocateItem) => void }) {
  const { t } = useTranslation('map')
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const input = useRef<InputRef>(null)

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250)
    return () => clearTimeout(timer)
  }, [text])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return
      e.preventDefault()
      input.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const results = useQuery({ queryKey: mapPageKeys.locate(q), queryFn: () => fetchLocate(q), enabled: q.length > 0, staleTime: 10_000 })
  const items = results.data?.items ?? []

  const choose = (key: string) => {
    const item = items.find((i) => itemKey(i) === key)
    if (item) onChoose(item)
  }

  const searchNow = async (value: string) => {
    const v = value.trim()
    if (!v) return
    // Enter before the suggestions arrived: ask now and take the best match.
    const list = v === q && results.data ? items : (await fetchLocate(v)).items
    if (list[0]) onChoose(list[0])
  }

  const options = items.map((item) => ({
    value: itemKey(item),
    label: (
      <span data-testid="search-option">
        <Tag color={item.kind === 'area' ? 'blue' : 'green'} style={{ marginRight: 6 }}>{item.kind === 'area' ? t('search.area') : t('search.business')}</Tag>
        {item.label}
        {item.kind === 'business' && <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }}>{item.uscc}</span>}
      </span>
    ),
  }))

  return (
    <AutoComplete
      style={{ width: '100%' }}
      options={options}
      value={text}
      onChange={setText}
      onSelect={(key: string) => {
        choose(key)
        setText(items.find((i) => itemKey(i) === key)?.label ?? text)
      }}
      notFoundContent={q && results.isFetched && !items.length ? t('search.none', { q }) : undefined}
      popupMatchSelectWidth={360}
    >
      <Input.Search
        ref={input}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        loading={results.isFetching}
        onSearch={(value, _e, info) => {
          if (info?.source !== 'clear') void searchNow(value)
        }}
        allowClear
        data-testid="map-search"
      />
    </AutoComplete>
  )
}
