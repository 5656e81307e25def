import { Empty } from 'antd';

/** An empty list says what to do next: `<EmptyHint text="还没有任务" next="由办公室新建扩面任务后会出现在这里" />`. */
export function EmptyHint({ text, next, action }: { text: string; next: string; action?: React.ReactNode }) {
  return (
    <Empty
      description={
        <>
          <div>{text}</div>
          <div style={{ color: 'rgba(0,0,0,0.45)' }}>{next}</div>
        </>
      }
    >
      {action}
    </Empty>
  );
}
