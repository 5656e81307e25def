import { Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { barPercent, formatActual, formatFigure, statusLook } from '../../lib/progress-look';
import { formatPercent } from '../../lib/format';
import type { DashboardIndicator } from './dashboard-hooks';

/** One card per indicator: the unit's actual against its target, completion and expected rate, coloured by status. */
export function IndicatorCards({
  indicators,
  selected,
  onSelect,
}: {
  indicators: DashboardIndicator[];
  selected: number | undefined;
  onSelect: (id: number) => void;
}) {
  return (
    <Row gutter={[16, 16]}>
      {indicators.map((ind) => {
        const t = ind.total;
        const look = statusLook(t.status);
        const active = ind.indicatorId === selected;
        return (
          <Col key={ind.indicatorId} xs={24} md={12} xl={8}>
            <Card
              hoverable
              size="small"
              data-testid={`indicator-${ind.code}`}
              onClick={() => onSelect(ind.indicatorId)}
              style={{ borderColor: active ? '#1677ff' : undefined, boxShadow: active ? '0 0 0 1px #1677ff' : undefined, height: '100%' }}
              title={
                <Typography.Text ellipsis={{ tooltip: ind.name }} style={{ fontWeight: 600 }}>
                  {ind.name}
                </Typography.Text>
              }
              extra={<Tag color={look.tag}>{look.label}</Tag>}
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <div>
                  <Typography.Text type="secondary">完成 </Typography.Text>
                  <Typography.Text strong style={{ fontSize: 20 }} data-testid="indicator-actual">
                    {formatActual(ind, t)}
                  </Typography.Text>
                  <Typography.Text type="secondary"> / 目标 {formatFigure(ind, t.target)}</Typography.Text>
                </div>
                <Progress
                  percent={barPercent(t.rate)}
                  strokeColor={look.hex}
                  success={{ percent: 0 }}
                  format={() => (t.ratePct === null ? '—' : `${t.ratePct}%`)}
                />
                <Typography.Text type="secondary">
                  序时进度 {formatPercent(t.expectedPct)}
                  {t.gapPct !== null && ` · ${Number(t.gapPct) >= 0 ? '高于' : '低于'}序时 ${t.gapPct.replace(/^-/, '')} 个百分点`}
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
