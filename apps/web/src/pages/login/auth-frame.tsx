import { Flex, Typography } from 'antd';

/** The frame of the login and password pages: the product's name above a narrow card, full width on a phone. */
export function AuthFrame({ children }: { children: React.ReactNode }) {
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f5ff' }}>
      <div style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          应保尽保
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          社会保险扩面征缴工作平台
        </Typography.Paragraph>
        {children}
      </div>
    </Flex>
  );
}
