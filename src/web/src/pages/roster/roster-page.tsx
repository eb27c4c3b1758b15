import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, download, type RosterRecord } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import '../verify/verify.css';

const VERDICTS = ['一致', '证书不存在', '人证不符', '已过期', '暂扣', '撤销', '注销', '吊销', '失效', '办理转出', '聘用单位不符', '身份证号无效', '格式错误'] as const;
const SERIOUS = new Set(['证书不存在', '人证不符', '身份证号无效', '吊销', '撤销']);

interface RosterRowResult {
  row: number;
  name: string;
  idNo: string;
  certNo: string;
  verdict: string;
  note: string;
}

interface RosterAnswer {
  id: string;
  fileName: string;
  downloadUrl: string;
  total: number;
  truncated: boolean;
  summary: Record<string, number>;
  rows: RosterRowResult[];
}

async function checkRoster(file: File): Promise<RosterAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/api/roster/check', { method: 'POST', body: form, credentials: 'same-origin' });
  if (res.ok) return (await res.json()) as RosterAnswer;
  let message = `核验失败（HTTP ${res.status}）`;
  try {
    message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // keep the generic message
  }
  throw new ApiError(res.status, 'roster', message);
}

const verdictTag = (v: string) => <Tag color={v === '一致' ? 'green' : SERIOUS.has(v) ? 'red' : 'orange'}>{v}</Tag>;

/** 企业自查：上传人员名册，逐人核验证书，下载标注结果。 */
export function RosterPage() {
  const [answer, setAnswer] = useState<RosterAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<string | null>(null);
  const [listPage, setListPage] = useState(1);
  const history = useRemote(() => api.rosterChecks({ page: listPage, pageSize: 10 }), [listPage, answer?.id]);

  const onFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setAnswer(null);
    setFilter(null);
    try {
      setAnswer(await checkRoster(file));
    } catch (e) {
      setError(e instanceof Error ? e.message : '核验失败');
    } finally {
      setBusy(false);
    }
  };

  const problems = answer ? answer.total - (answer.summary['一致'] ?? 0) : 0;
  return (
    <div>
      <PageHeader title="企业自查" description="上传本单位人员名册（Excel 或 CSV，含 姓名、身份证号、证书编号 列，可含 证书类别、岗位、聘用单位统一社会信用代码），逐人核验证书真伪、状态和聘用单位。" />
      <Card className="roster-upload">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload.Dragger
            accept=".xlsx,.csv"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              void onFile(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <UploadOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入人员名册文件</p>
            <p className="ant-upload-hint">支持 .xlsx 与 .csv（UTF-8 或 GBK）；结果保留原有各列，并增加“核验结果”“说明”两列，问题行标色。</p>
          </Upload.Dragger>
          {busy && <Alert type="info" showIcon message="正在核验，请稍候…" />}
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Card>
      {answer && (
        <Card
          className="roster-result"
          data-testid="roster-result"
          title={`核验结果：${answer.fileName}`}
          extra={
            <Button type="primary" icon={<DownloadOutlined />} data-testid="roster-download" onClick={() => void download(answer.downloadUrl, answer.fileName)}>
              下载核验结果（Excel）
            </Button>
          }
          style={{ marginTop: 16 }}
        >
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title="核验人数" value={answer.total} />
            <Statistic title="一致" value={answer.summary['一致'] ?? 0} valueStyle={{ color: '#389e0d' }} />
            <Statistic title="存在问题" value={problems} valueStyle={{ color: problems ? '#c4161c' : undefined }} />
          </Space>
          <div style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text type="secondary">按结果筛选：</Typography.Text>
              <Tag.CheckableTag checked={filter === null} onChange={() => setFilter(null)}>
                全部
              </Tag.CheckableTag>
              {VERDICTS.filter((v) => (answer.summary[v] ?? 0) > 0).map((v) => (
                <Tag.CheckableTag key={v} checked={filter === v} onChange={() => setFilter(v)}>
                  {v} {answer.summary[v]}
                </Tag.CheckableTag>
              ))}
            </Space>
          </div>
          {answer.truncated && <Alert type="info" showIcon message={`页面只显示前 ${answer.rows.length} 行，完整结果请下载 Excel。`} style={{ marginBottom: 12 }} />}
          <Table<RosterRowResult>
            size="small"
            rowKey="row"
            dataSource={filter ? answer.rows.filter((r) => r.verdict === filter) : answer.rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            rowClassName={(r) => (r.verdict === '一致' ? '' : SERIOUS.has(r.verdict) ? 'roster-row-serious' : 'roster-row-problem')}
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '身份证号', dataIndex: 'idNo', width: 190 },
              { title: '证书编号', dataIndex: 'certNo', width: 200 },
              { title: '核验结果', dataIndex: 'verdict', width: 120, render: verdictTag },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
        </Card>
      )}
      <Card title="自查记录" data-testid="roster-history" style={{ marginTop: 16 }}>
        <Table<RosterRecord>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          locale={{ emptyText: '暂无自查记录' }}
          pagination={{ current: listPage, pageSize: 10, total: history.data?.total ?? 0, onChange: setListPage, hideOnSinglePage: true }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: '单位', key: 'org', render: (_, r) => r.orgName ?? r.orgUscc ?? r.regionName ?? '—' },
            { title: '名册文件', dataIndex: 'fileName' },
            { title: '人数', dataIndex: 'total', width: 80, align: 'right' },
            { title: '存在问题', dataIndex: 'problems', width: 90, align: 'right' },
            { title: '提交人', dataIndex: 'createdBy', width: 120 },
            {
              title: '结果',
              key: 'download',
              width: 110,
              render: (_, r) => (
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(r.downloadUrl, r.resultName)}>
                  下载
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
