import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useState } from 'react';
import { useMe, useRoleLabels, useUnit } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday } from '../../lib/format';
import { Members } from '../campaigns/campaign-detail';
import { DutiesTable } from '../duties/duties-table';
import { useCampaign } from '../campaigns/campaigns-hooks';
import { CampaignsTable } from '../campaigns/campaigns-table';
import { MatchUploadPanel } from './match-upload-panel';

/** The leadership group and office of a campaign the department takes part in: whom to call. */
function CampaignContacts() {
  const [chosen, setChosen] = useState<string>();
  const choice = useCampaignChoice(chosen, setChosen);
  const campaign = useCampaign(choice.campaignId ?? 0);
  return (
    <Card title="任务联系人" extra={choice.none ? null : choice.picker} data-testid="department-contacts">
      <ErrorAlert error={choice.error ?? campaign.error} />
      {choice.none ? (
        <EmptyHint text="本部门还没有参与的扩面任务" next="办公室发布扩面任务后，这里列出该任务的领导小组和办公室成员" />
      ) : campaign.data ? (
        <Members campaign={campaign.data} />
      ) : null}
    </Card>
  );
}

/** What the department must deliver in a campaign (the API lists its own duties only), with "标记已报送". */
function MyDuties() {
  const [chosen, setChosen] = useState<string>();
  const choice = useCampaignChoice(chosen, setChosen);
  return (
    <Card title="本部门报送事项" extra={choice.none ? null : choice.picker} data-testid="department-duties">
      <ErrorAlert error={choice.error} />
      {choice.none ? (
        <EmptyHint text="本部门还没有参与的扩面任务" next="办公室发布扩面任务并登记本部门职责后，这里列出须报送的数据和截止日期" />
      ) : choice.campaignId ? (
        <DutiesTable
          campaignId={choice.campaignId}
          deliver
          empty={{ text: '办公室尚未给本部门登记本任务的报送职责', next: '登记后，这里列出须报送的数据、频次和截止日期，报送后点“标记已报送”' }}
        />
      ) : null}
    </Card>
  );
}

/** The home of member-department staff (税务, 市场监管 ...): their department's duty, what it must deliver, campaigns, contacts and its data reports (数据上报). */
export function DepartmentHome() {
  const me = useMe().data!;
  const roles = useRoleLabels();
  const unit = useUnit(me.orgUnitId).data;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card data-testid="home-department">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            成员单位工作台
          </Typography.Title>
          <Typography.Paragraph>
            您好，{me.displayName || me.username}（{roles.names(me.roles)}
            {unit ? ` · ${unit.name}` : ''}）。今天是 {businessToday()}。
          </Typography.Paragraph>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="本部门职责">{unit?.duty ?? '办公室尚未登记本部门职责'}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col span={24}>
        <MyDuties />
      </Col>
      <Col xs={24} xl={12}>
        <Card title="我参与的扩面任务">
          <CampaignsTable />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <CampaignContacts />
      </Col>
      <Col span={24}>
        <MatchUploadPanel route="department-uploads" title="数据上报" testId="department-uploads" />
      </Col>
    </Row>
  );
}
