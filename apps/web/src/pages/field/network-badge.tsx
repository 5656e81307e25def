import { Tag } from 'antd';
import { useOnline, useOutbox } from './visit-outbox';

/** The phone's signal and the visits waiting on it, in the header: 离线 / 在线, and N 条待发送. */
export function NetworkBadge() {
  const online = useOnline();
  const waiting = useOutbox().filter((v) => !v.failed).length;
  return (
    <span data-testid="network-state" style={{ whiteSpace: 'nowrap' }}>
      <Tag color={online ? 'green' : 'red'} style={{ marginInlineEnd: waiting ? 4 : 0 }}>
        {online ? '在线' : '离线'}
      </Tag>
      {waiting > 0 && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {waiting} 条待发送
        </Tag>
      )}
    </span>
  );
}
