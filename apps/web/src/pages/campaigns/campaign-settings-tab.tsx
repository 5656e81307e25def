import { App, Button, Collapse, Form, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { CampaignSettings, CampaignView } from './campaign-types';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useCampaignSettings, useSaveSettings } from './campaigns-hooks';
import { SETTINGS_SECTIONS, type SettingsSection } from './settings-model';
import { SettingsFields } from './settings-fields';

/** The settings of a campaign, one collapsible form per section, each saved on its own (PUT with that section only). */
export function CampaignSettingsTab({ campaign, editable }: { campaign: CampaignView; editable: boolean }) {
  const settings = useCampaignSettings(campaign.id);
  if (settings.isLoading) return <Spin />;
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  return (
    <>
      {!editable && (
        <Typography.Paragraph type="secondary">
          {campaign.status === 'closed' ? '任务已结束，设置只读。' : '只有本任务的领导小组或办公室可以修改设置。'}
        </Typography.Paragraph>
      )}
      <Collapse
        defaultActiveKey={['deadlines']}
        items={SETTINGS_SECTIONS.map((s) => ({
          key: s.key,
          label: s.title,
          forceRender: true,
          children: <SectionForm campaign={campaign} section={s.key} values={settings.data} editable={editable} hint={s.hint} />,
        }))}
      />
    </>
  );
}

function SectionForm({
  campaign,
  section,
  values,
  editable,
  hint,
}: {
  campaign: CampaignView;
  section: SettingsSection;
  values: CampaignSettings;
  editable: boolean;
  hint: string;
}) {
  const [form] = Form.useForm();
  const save = useSaveSettings(campaign.id);
  const [banner, setBanner] = useState<unknown>(null);
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={{ [section]: values[section] }}
      data-testid={`settings-${section}`}
      onFinish={(v: Record<string, unknown>) => {
        setBanner(null);
        // the request type says string[] for reminderOffsetsDays (the DTO lacks its type); the API takes numbers
        save.mutate({ [section]: v[section] } as components['schemas']['CampaignSettingsDto'], {
          onSuccess: (s) => {
            form.setFieldsValue({ [section]: s[section] });
            message.success('设置已保存');
          },
          onError: (e) => {
            const { error, unplaced } = showFieldErrors(form, e);
            setBanner(unplaced ? error : null);
          },
        });
      }}
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <ErrorAlert error={banner} />
      <SettingsFields section={section} prefix={[]} indicators={campaign.indicators} />
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存{SETTINGS_SECTIONS.find((s) => s.key === section)?.title}
          </Button>
          <Button onClick={() => form.resetFields()}>恢复</Button>
        </Space>
      )}
    </Form>
  );
}
