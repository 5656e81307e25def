import { Alert } from 'antd';
import { fieldLabel, toApiError } from '../api/errors';

/** The API's message (Chinese) for a failed load or a refused action, with the rows of a file when it names them. */
export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  if (!error) return null;
  const e = toApiError(error);
  const rows = e.fields.filter((f) => f.row !== undefined);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      message={e.message}
      description={
        rows.length
          ? rows.slice(0, 20).map((f) => (
              <div key={`${f.row}-${f.field}`}>
                第 {f.row} 行 {fieldLabel(f.field)}：{f.message}
              </div>
            ))
          : undefined
      }
    />
  );
}
