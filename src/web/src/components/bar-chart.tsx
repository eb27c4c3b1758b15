import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';

import type { EChartsInstance } from './echarts-setup.js';

/** Loaded on first use so the chart library stays out of the main bundle. */
const loadECharts = () => import('./echarts-setup.js').then((m) => m.echarts);

export interface BarDatum {
  label: string;
  value: number;
}

/** A horizontal bar chart, one bar per datum, values printed at the bar ends. */
export function BarChart({ data, height = 320, unit = '' }: { data: BarDatum[]; height?: number; unit?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void loadECharts().then((echarts) => {
      if (disposed || !element.current) return;
      chart.current = echarts.init(element.current, null, { renderer: 'svg' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(element.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || !chart.current) return;
    const rows = [...data].reverse(); // ECharts draws the first category at the bottom
    chart.current.setOption(
      {
        grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (v: number) => `${v.toLocaleString('zh-CN')}${unit}`,
        },
        xAxis: {
          type: 'value',
          minInterval: 1,
          splitLine: { lineStyle: { color: '#eef1f6' } },
          axisLabel: { color: '#8a94a6' },
        },
        yAxis: {
          type: 'category',
          data: rows.map((d) => d.label),
          axisTick: { show: false },
          axisLine: { lineStyle: { color: '#d5dbe5' } },
          axisLabel: { color: '#333', fontSize: 13 },
        },
        series: [
          {
            type: 'bar',
            data: rows.map((d) => d.value),
            barMaxWidth: 22,
            itemStyle: { color: '#1d4e97', borderRadius: [0, 3, 3, 0] },
            label: {
              show: true,
              position: 'right',
              color: '#555',
              formatter: ({ value }: { value: number }) => value.toLocaleString('zh-CN'),
            },
          },
        ],
      },
      true,
    );
  }, [ready, data, unit]);

  return (
    <div style={{ position: 'relative', height }}>
      {!ready && <Skeleton active paragraph={{ rows: 6 }} />}
      <div ref={element} style={{ position: 'absolute', inset: 0 }} aria-label="数据量柱状图" role="img" />
    </div>
  );
}
