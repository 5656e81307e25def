import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { useMe, useUnit } from '../../auth/auth-hooks';

/**
 * 导出派出所核查名单: the town office takes its unreachable people, with full ID numbers, to the police station
 * (seed 001). Shown to a town's office only, as the API allows; every person exported is audited as a full read.
 */
export function PoliceExportButton({ campaignId }: { campaignId?: number }) {
  const me = useMe().data!;
  const unit = useUnit(me.orgUnitId).data;
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!me.roles.includes('office') || unit?.level !== 'town') return null;
  const run = () => {
    setBusy(true);
    downloadFile('/api/registry-police-checks/export.xlsx', { unitId: me.orgUnitId, campaignId }, `${unit.name}派出所核查名单.xlsx`)
      .then(
        ({ name }) => void message.success(`已导出 ${name}（含完整身份证号码，已记入查阅日志，请妥善保管）`),
        (e: unknown) => void message.error(toApiError(e).message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Tooltip title="本镇（街道）无法联系的人员，含完整身份证号码，交派出所核查户籍；导出会记入查阅日志">
      <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid="police-export">
        导出派出所核查名单
      </Button>
    </Tooltip>
  );
}
