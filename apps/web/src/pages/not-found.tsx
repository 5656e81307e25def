import { Card, Result } from 'antd';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Card>
      <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要进入的页面。" extra={<Link to="/">返回工作台</Link>} />
    </Card>
  );
}

/** A known screen the caller's roles do not open (the API would refuse it too). */
export function Forbidden({ title }: { title: string }) {
  return (
    <Card>
      <Result
        status="403"
        title="无权访问"
        subTitle={`无权访问“${title}”：您的角色不能使用该页面，如需使用请联系系统管理员。`}
        extra={<Link to="/">返回工作台</Link>}
      />
    </Card>
  );
}
