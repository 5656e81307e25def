import { DashboardOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import { toApiError } from '../../api/errors';

/**
 * 队列监控 (admins): the queue dashboard (Bull Board) is a page of its own that the browser opens without the console's
 * token, so an authenticated call first sets its short-lived cookie, then a new tab opens it.
 */
export function QueueBoardButton() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    const tab = window.open('about:blank', '_blank'); // opened on the click itself, so that no popup blocker stops it
    setBusy(true);
    try {
      const session = await unwrap<Answer<'/api/admin/queue-board/session', 'post'>>(api.POST('/api/admin/queue-board/session'));
      if (tab) tab.location.href = session.url;
      else window.location.href = session.url;
    } catch (e) {
      tab?.close();
      void message.error(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DashboardOutlined />} loading={busy} onClick={() => void open()}>
      队列监控
    </Button>
  );
}
