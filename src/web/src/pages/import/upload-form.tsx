import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Card, Form, Progress, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { api, type ImportJob } from '../../api.js';
import { KIND_LABELS, KIND_NAMES, type KindName } from '../../labels.js';
import { formatBytes } from '../../lib/format.js';
import { useReportError } from '../../lib/use-report-error.js';

const AUTO = 'auto';
const ACCEPT = '.csv,.xlsx';

const KIND_OPTIONS = [
  { value: AUTO, label: '自动识别（按文件名）' },
  ...KIND_NAMES.map((kind) => ({ value: kind, label: `${KIND_LABELS[kind]}（${kind}）` })),
];

const isAccepted = (name: string) => /\.(csv|xlsx)$/i.test(name);

/** Picks files and a kind, uploads them, and hands the created job to the page. */
export function UploadForm({ onStarted }: { onStarted: (job: ImportJob) => void }) {
  const reportError = useReportError();
  const [kind, setKind] = useState<string>(AUTO);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);

  const start = async () => {
    const picked = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f));
    if (picked.length === 0) return;
    setUploading(true);
    setSent(null);
    try {
      const { job } = await api.startImport(picked, kind === AUTO ? null : (kind as KindName), (s, total) =>
        setSent({ sent: s, total }),
      );
      setFiles([]);
      onStarted(job);
    } catch (err) {
      reportError(err);
    } finally {
      setUploading(false);
      setSent(null);
    }
  };

  return (
    <Card title="上传数据文件" className="upload-card">
      <Form layout="vertical">
        <Form.Item
          label="数据类型"
          extra={
            kind === AUTO
              ? '按文件名识别类型：文件名以类型的英文名或中文名开头，例如 certificates.csv、enterprises_2024.xlsx、证书.csv'
              : `本次上传的所有文件都按“${KIND_LABELS[kind as KindName]}”导入`
          }
        >
          <Select
            value={kind}
            onChange={setKind}
            options={KIND_OPTIONS}
            style={{ maxWidth: 360 }}
            aria-label="数据类型"
            data-testid="kind-select"
          />
        </Form.Item>
        <Form.Item label="数据文件">
          <Upload.Dragger
            multiple
            accept={ACCEPT}
            fileList={files}
            beforeUpload={(file) => {
              // Files are sent together by the button below, not one by one on selection.
              if (!isAccepted(file.name)) {
                reportError(new Error(`不支持的文件“${file.name}”：仅支持 .csv 和 .xlsx 文件`));
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList)}
            disabled={uploading}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将文件拖拽到此处</p>
            <p className="ant-upload-hint">
              支持 .csv（UTF-8 或 GBK 编码）和 .xlsx
              文件，可一次选择多个。每个文件整体导入：有任何一行无法识别时，该文件不写入任何数据。
            </p>
          </Upload.Dragger>
        </Form.Item>
        {uploading && sent && (
          <div className="upload-progress" data-testid="upload-progress">
            <Progress percent={Math.floor((sent.sent / Math.max(sent.total, 1)) * 100)} size="small" status="active" />
            <Typography.Text type="secondary">
              正在上传 {formatBytes(sent.sent)} / {formatBytes(sent.total)}，上传完成后开始导入
            </Typography.Text>
          </div>
        )}
        <Space>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={start}
            loading={uploading}
            disabled={files.length === 0}
            data-testid="start-import"
          >
            开始导入
          </Button>
          {files.length > 0 && <Typography.Text type="secondary">已选择 {files.length} 个文件</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}
