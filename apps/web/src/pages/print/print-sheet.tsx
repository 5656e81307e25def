import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import './print.css';

/** An A4 sheet with a toolbar (back, 打印) that the print stylesheet hides; the browser's print dialog makes the paper or the PDF. */
export function PrintSheet({
  loading,
  loadingText,
  error,
  back,
  children,
}: {
  loading: boolean;
  /** what is being read, under the spinner (e.g. how many rows of how many) */
  loadingText?: string;
  error: unknown;
  back: string;
  children?: React.ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <div className="print-page">
      <div className="print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
          返回
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={loading || !!error}>
          打印
        </Button>
      </div>
      {error ? <ErrorAlert error={error} style={{ maxWidth: '210mm', margin: '0 auto 12px' }} /> : null}
      {loading ? (
        <div style={{ textAlign: 'center', margin: '48px auto' }} data-testid="print-loading">
          <Spin />
          {loadingText ? <p>{loadingText}</p> : null}
        </div>
      ) : (
        <div className="print-sheet">{children}</div>
      )}
    </div>
  );
}
