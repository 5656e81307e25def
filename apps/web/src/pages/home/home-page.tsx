import { Card, Col, Row, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useMe, useRoleLabels, useUnit } from '../../auth/auth-hooks';
import { homeGroup, type HomeGroup } from '../../lib/roles';
import { businessToday } from '../../lib/format';
import { CampaignsTable } from '../campaigns/campaigns-table';
import { LeaderDashboard } from '../dashboard/leader-dashboard';
import { DepartmentHome } from '../department/department-home';
import { ChecklistPage } from '../inspector/checklist-page';
import { UnitHome } from '../unit/unit-home';
import { useCampaignChoice } from '../dashboard/campaign-choice';
import { UnreportedCard } from '../dashboard/unreported-card';

/** The office's card of units that have not reported in its first active campaign (none without one). */
function OfficeUnreported() {
  const choice = useCampaignChoice();
  if (choice.campaignId === undefined) return null;
  return (
    <Col span={24}>
      <UnreportedCard campaignId={choice.campaignId} />
    </Col>
  );
}

/** What each group does here first; the real screens (dashboard, splits, registry, cases) replace these lines. */
const WELCOME: Record<Exclude<HomeGroup, 'inspector' | 'department'>, { title: string; lines: string[] }> = {
  leader: { title: '领导小组工作台', lines: ['查看全市扩面进度、排名和最新通报', '审批办公室提交的任务分解方案'] },
  office: { title: '办公室工作台', lines: ['新建扩面任务，设定指标和时间节点', '分解任务到各区县，跟踪进度，编发通报'] },
  unit: { title: '单位工作台', lines: ['把上级下达的任务分解到下级单位', '上报本单位进度，查看下级完成情况'] },
  staff: { title: '我的工作台', lines: ['查看分配给您的名册和走访任务', '处理待办事项和消息通知'] },
};

/** The home page of the caller's role group: a welcome card and the campaigns they take part in. */
export function HomePage() {
  const me = useMe().data!;
  const roles = useRoleLabels();
  const unit = useUnit(me.orgUnitId).data;
  const group = homeGroup(me.roles);
  if (group === 'unit') return <UnitHome />;
  if (group === 'inspector') return <ChecklistPage />;
  if (group === 'department') return <DepartmentHome />;
  const w = WELCOME[group];
  if (group === 'leader') return <LeaderDashboard />;
  // a cadre's day is their list of people and employers to visit
  if (group === 'staff' && me.roles.includes('cadre')) return <Navigate to="/field" replace />;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid={`home-${group}`}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {w.title}
          </Typography.Title>
          <Typography.Paragraph>
            您好，{me.displayName || me.username}（{roles.names(me.roles)}
            {unit ? ` · ${unit.name}` : ''}）。今天是 {businessToday()}。
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {w.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </Card>
      </Col>
      {group === 'office' && <OfficeUnreported />}
      <Col span={24}>
        <Card title="我参与的扩面任务">
          <CampaignsTable />
        </Card>
      </Col>
    </Row>
  );
}
