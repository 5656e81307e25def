import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, Route, Routes, useParams } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { NotFound } from '../not-found';
import { CampaignDetail } from './campaign-detail';
import { CampaignWizard } from './campaign-wizard';
import { CampaignsTable } from './campaigns-table';

/** Who may create a campaign (POST /api/campaigns: leaders and the office; admins see everything). */
export function createsCampaigns(roles: readonly string[]): boolean {
  return roles.some((r) => r === 'office' || r === 'leader' || r === 'admin');
}

function CampaignList() {
  const me = useMe().data!;
  return (
    <Card
      title="扩面任务"
      extra={
        createsCampaigns(me.roles) && (
          <Link to="/campaigns/new">
            <Button type="primary" icon={<PlusOutlined />}>
              新建扩面任务
            </Button>
          </Link>
        )
      }
    >
      <CampaignsTable />
    </Card>
  );
}

/** /campaigns/:id/edit: the wizard on a draft. */
function DraftWizard() {
  const id = Number(useParams().id);
  return Number.isInteger(id) && id > 0 ? <CampaignWizard editId={id} /> : <NotFound />;
}

/** /campaigns (the list), /campaigns/new (the wizard), /campaigns/:id (the detail), /campaigns/:id/edit (a draft in the wizard). */
export function CampaignsPage() {
  return (
    <Routes>
      <Route index element={<CampaignList />} />
      <Route path="new" element={<CampaignWizard />} />
      <Route path=":id" element={<CampaignDetail />} />
      <Route path=":id/edit" element={<DraftWizard />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
