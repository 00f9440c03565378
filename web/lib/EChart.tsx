/**
 * One ECharts chart. ECharts loads on first use (its own chunk), so only this page pays for it.
 */
import { useEffect, useRef } from 'react'
import type { EChartsOption, ECharts } from 'echarts'

export interface ChartClick {
  seriesIndex?: number
  seriesId?: string
  dataIndex: number
  name: string
  data?: unknown
}

export function EChart({ option, onClick, height = 260, testId }: { option: EChartsOption; onClick?: (e: ChartClick) => void; height?: number; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)
  const onClickRef = useRef(onClick)
  onClickRef.current = onClick
  // ECharts arrives asynchronously: it starts from the latest option, not the one of the first render.
  const optionRef = useRef(option)
  optionRef.current = option

  useEffect(() => {
    let disposed = false
    let observer: ResizeObserver | null = null
    void import('echarts').then((echarts) => {
      if (disposed || !ref.current) return
      const c = echarts.init(ref.current, undefined, { renderer: 'canvas' })
      chart.current = c
      c.setOption(optionRef.current)
      c.on('click', (e) => onClickRef.current?.(e as unknown as ChartClick))
      observer = new ResizeObserver(() => c.resize())
      observer.observe(ref.current)
    })
    return () => {
      disposed = true
      observer?.disconnect()
      chart.current?.dispose()
      chart.current = null
    }
    // created once; later options are applied below
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />
}
