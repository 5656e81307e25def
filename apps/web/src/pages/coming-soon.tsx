import { Card, Result } from 'antd';
import { Link } from 'react-router';

/** A menu entry whose screen is not built yet. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <Card>
      <Result status="info" title={title} subTitle="该功能正在建设中，可先通过工作台查看您的扩面任务。" extra={<Link to="/">返回工作台</Link>} />
    </Card>
  );
}

export function NotFound() {
  return (
    <Card>
      <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要进入的页面。" extra={<Link to="/">返回工作台</Link>} />
    </Card>
  );
}
