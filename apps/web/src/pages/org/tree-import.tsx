import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../api/errors';
import { saveBlob } from '../../api/download-file';
import { useImportTree } from './org-hooks';
import { treeRowErrors, treeTemplate, type TreeRowError } from './tree-file';

/**
 * Imports a tree file: all rows or none. A refused file shows its name and every bad row (row, column, reason) as
 * the API lists them; nothing is stored then. The clerk fixes the file and uploads it again.
 */
export function TreeImportModal({ open, onClose, parentCode }: { open: boolean; onClose: () => void; parentCode?: string }) {
  const importTree = useImportTree();
  const [fileName, setFileName] = useState<string | null>(null);
  const result = importTree.data;
  const error = importTree.error ? toApiError(importTree.error) : null;
  const rows = error ? treeRowErrors(error) : [];

  return (
    <Modal
      title="导入组织树"
      open={open}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={760}
      destroyOnHidden
      afterOpenChange={(o) => !o && importTree.reset()}
    >
      <Typography.Paragraph>
        上传 CSV（UTF-8）或 XLSX 文件，列为 <Typography.Text code>code,name,level,parent_code</Typography.Text>
        （也可用中文表头：代码、名称、层级、上级代码）。层级取 city、district、town、village、agency；上级代码可以是已有单位或文件中的单位。
        文件中任一行有误则整个文件不导入。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => saveBlob(new Blob(['\uFEFF' + treeTemplate(parentCode)], { type: 'text/csv;charset=utf-8' }), '组织树导入模板.csv')}
        >
          下载模板
        </Button>
      </Space>
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={importTree.isPending}
        beforeUpload={(file) => {
          setFileName(file.name);
          importTree.mutate(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{importTree.isPending ? '正在导入…' : '点击或拖拽文件到此处上传'}</p>
        <p className="ant-upload-hint">.csv 或 .xlsx，最大 20 MB</p>
      </Upload.Dragger>

      {result && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          role="status"
          message={`已导入 ${result.created} 个单位`}
          description={`文件：${fileName ?? ''}。新单位已出现在组织树中。`}
        />
      )}
      {error && (
        <div style={{ marginTop: 16 }} data-testid="tree-import-errors">
          <Alert
            type="error"
            showIcon
            role="alert"
            message={`文件“${fileName ?? ''}”未导入`}
            description={rows.length ? `共 ${rows.filter((r) => r.row !== null).length} 处错误，整个文件未导入，请按下表修改后重新上传。` : error.message}
          />
          {rows.length > 0 && (
            <Table<TreeRowError>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="key"
              dataSource={rows}
              scroll={{ x: 480 }}
              pagination={rows.length > 10 ? { pageSize: 10, showTotal: (t) => `共 ${t} 条` } : false}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70, render: (r: number | null) => r ?? '—' },
                { title: '列', dataIndex: 'field', width: 100 },
                { title: '原因', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
