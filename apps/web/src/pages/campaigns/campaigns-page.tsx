import { Card } from 'antd';
import { CampaignsTable } from './campaigns-table';

export function CampaignsPage() {
  return (
    <Card title="扩面任务">
      <CampaignsTable />
    </Card>
  );
}
