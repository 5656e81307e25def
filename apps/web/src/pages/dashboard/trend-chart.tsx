import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { formatFigure } from '../../lib/progress-look';
import type { DashboardIndicator, Series } from './dashboard-hooks';

// only what the chart draws: a line, its axes and tooltip, the target line
echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

const DAY_MS = 86_400_000;

/** The unit's figure of one indicator by report date (a rate in % for ratio indicators), with its target as a line. */
export default function TrendChart({ indicator, series, target }: { indicator: DashboardIndicator; series: Series; target: string | null }) {
  const ratio = indicator.kind === 'ratio';
  const points = series.points.map((p) => [p.asOf, p.value === null ? null : ratio ? Math.round(p.value * 1000) / 10 : p.value]);
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 280, width: '100%' }}
      notMerge
      option={{
        animation: false, // the figures are what matters; a screenshot or a slow phone shows the whole line at once
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatFigure(indicator, v) },
        // one label a day at most (a few days of reports gave 12-02 four times), and the axis reaches the target so its line shows
        xAxis: { type: 'time', minInterval: DAY_MS, axisLabel: { hideOverlap: true, formatter: '{MM}-{dd}' } },
        yAxis: {
          type: 'value',
          axisLabel: { formatter: ratio ? '{value}%' : undefined },
          scale: ratio,
          max: target === null ? undefined : ({ max }: { max: number }) => Math.max(max, Number(target)),
        },
        series: [
          {
            name: ratio ? '参保率' : '累计完成',
            type: 'line',
            step: 'end',
            showSymbol: points.length < 40,
            data: points,
            areaStyle: { opacity: 0.08 },
            markLine:
              target === null
                ? undefined
                : {
                    symbol: 'none',
                    label: { formatter: `目标 ${formatFigure(indicator, target)}`, position: 'insideEndTop' },
                    data: [{ yAxis: Number(target) }],
                  },
          },
        ],
      }}
    />
  );
}
