import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe, useRoleLabels, useUnit } from '../../auth/auth-hooks';
import { businessToday } from '../../lib/format';
import { CampaignsTable } from '../campaigns/campaigns-table';
import { useCampaignChoice } from '../dashboard/campaign-choice';
import { UnreportedCard } from '../dashboard/unreported-card';
import { ForecastCard } from '../dashboard/forecast-card';
import { MyTasksTable } from './my-tasks-table';

/** The home of district, town and village managers: my tasks with their figures, milestones and deadlines; what to do next. */
export function UnitHome() {
  const me = useMe().data!;
  const roles = useRoleLabels();
  const unit = useUnit(me.orgUnitId).data;
  const choice = useCampaignChoice();
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid="home-unit">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            单位工作台
          </Typography.Title>
          <Typography.Paragraph>
            您好，{me.displayName || me.username}（{roles.names(me.roles)}
            {unit ? ` · ${unit.name}` : ''}）。今天是 {businessToday()}。
          </Typography.Paragraph>
          <Space wrap>
            <Link to="/progress/report">
              <Button type="primary">上报本单位进度</Button>
            </Link>
            <Link to="/registry/assign">
              <Button>分配名册给干部</Button>
            </Link>
            <Link to="/registry/investigation">
              <Button>排查进度</Button>
            </Link>
          </Space>
        </Card>
      </Col>
      <Col span={24}>
        <Card title="本单位任务" extra={<Link to="/tasks">全部任务</Link>}>
          <MyTasksTable unitId={me.orgUnitId} inUrl={false} />
        </Card>
      </Col>
      {choice.campaignId !== undefined && (
        <Col span={24}>
          <UnreportedCard campaignId={choice.campaignId} unitId={me.orgUnitId} />
        </Col>
      )}
      {choice.campaignId !== undefined && (
        <Col span={24}>
          <ForecastCard campaignId={choice.campaignId} unitId={me.orgUnitId} />
        </Col>
      )}
      <Col span={24}>
        <Card title="我参与的扩面任务">
          <CampaignsTable />
        </Card>
      </Col>
    </Row>
  );
}
