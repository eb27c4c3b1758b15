import { DownloadOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, download } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { useReportError } from '../../lib/use-report-error.js';
import './verify.css';

interface ECert {
  certificate: {
    cert_no: string;
    category: string;
    operation: string | null;
    name: string;
    id_no: string;
    employer_name: string | null;
    employer_uscc: string | null;
    issuer: string | null;
    issued: string;
    expires: string;
    status: string;
  };
  credential: { cid: string; kid: string; token: string; verifyUrl: string; qrSvg: string };
}

interface KeyInfo {
  kid: string;
  status: 'active' | 'verify' | 'retired' | 'compromised';
  createdAt: string;
  changedAt: string;
  note: string | null;
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) } });
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let message = `请求失败（HTTP ${res.status}）`;
  try {
    message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // keep the generic message
  }
  throw new ApiError(res.status, 'ecert', message);
}

const TITLE = (category: string) => (category === 'TZ' ? '建筑施工特种作业操作资格证书' : '建筑施工企业安全生产管理人员安全生产考核合格证书');
const KEY_STATUS: Record<KeyInfo['status'], [string, string]> = {
  active: ['正在签名', 'green'],
  verify: ['仅用于核验', 'blue'],
  retired: ['已停用', 'default'],
  compromised: ['已作废', 'red'],
};

/** 电子证书: a certificate's printable page with its signed QR code, its PDF, and the signing keys. */
export function ECertificatePage() {
  const [params, setParams] = useSearchParams();
  const certNo = params.get('certNo') ?? '';
  const [data, setData] = useState<ECert | null>(null);
  const [error, setError] = useState<string | null>(null);
  const report = useReportError();

  useEffect(() => {
    if (!certNo) return;
    setError(null);
    setData(null);
    call<ECert>(`/api/credentials/certificate?certNo=${encodeURIComponent(certNo)}`).then(setData, (e: Error) => setError(e.message));
  }, [certNo]);

  const c = data?.certificate;
  return (
    <div>
      <PageHeader title="电子证书" description="生成带签名二维码的电子证书（打印页与 PDF）。二维码不含个人信息，扫码即可在线或离线核验真伪与状态。" />
      <Card>
        <Form layout="inline" initialValues={{ certNo }} onFinish={(v: { certNo: string }) => setParams({ certNo: v.certNo.trim() })}>
          <Form.Item name="certNo" label="证书编号" rules={[{ required: true, message: '请填写证书编号' }]}>
            <Input placeholder="本厅证书库中的证书编号" style={{ width: 280 }} allowClear />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              生成
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {data && c && (
        <Card
          style={{ marginTop: 16 }}
          title="打印预览"
          extra={
            <Space>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                打印
              </Button>
              <Button type="primary" icon={<DownloadOutlined />} onClick={() => void download(`/api/credentials/certificate.pdf?certNo=${encodeURIComponent(c.cert_no)}`, `电子证书-${c.cert_no}.pdf`).catch(report)}>
                下载 PDF
              </Button>
            </Space>
          }
        >
          <div className="ecert-print" data-testid="ecert-sheet">
            <div className="ecert-sheet">
              <div style={{ flex: 1 }}>
                <h2>{TITLE(c.category)}</h2>
                <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
                  电子证书 · 扫描右侧二维码核验真伪与状态
                </Typography.Paragraph>
                <dl className="ecert-fields">
                  <dt>证书编号</dt>
                  <dd>{c.cert_no}</dd>
                  <dt>姓名</dt>
                  <dd>{c.name}</dd>
                  <dt>身份证号</dt>
                  <dd>{c.id_no}</dd>
                  <dt>证书类别</dt>
                  <dd>
                    {c.category}
                    {c.operation ? ` · 操作类别 ${c.operation}` : ''}
                  </dd>
                  <dt>聘用单位</dt>
                  <dd>{c.employer_name ?? c.employer_uscc ?? '—'}</dd>
                  <dt>发证机关</dt>
                  <dd>{c.issuer ?? '四川省住房和城乡建设厅'}</dd>
                  <dt>发证日期</dt>
                  <dd>{c.issued}</dd>
                  <dt>有效期至</dt>
                  <dd>{c.expires}</dd>
                  <dt>证书状态</dt>
                  <dd>{c.status}</dd>
                </dl>
              </div>
              <div className="ecert-qr">
                {/* The SVG comes from our own server (qrcode), not from user input. */}
                <div data-testid="ecert-qr" dangerouslySetInnerHTML={{ __html: data.credential.qrSvg }} />
                <div>手机扫码核验</div>
                <div>签名密钥 {data.credential.kid}</div>
              </div>
            </div>
          </div>
          <Typography.Paragraph copyable={{ text: data.credential.verifyUrl }} type="secondary" style={{ marginTop: 12, wordBreak: 'break-all' }}>
            核验地址：{data.credential.verifyUrl}
          </Typography.Paragraph>
        </Card>
      )}
      <SigningKeys />
    </div>
  );
}

function SigningKeys() {
  const { message } = App.useApp();
  const report = useReportError();
  const [keys, setKeys] = useState<KeyInfo[]>([]);
  const load = useCallback(() => call<{ items: KeyInfo[] }>('/api/credentials/keys').then((r) => setKeys(r.items), report), [report]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (url: string, done: string) => {
    try {
      await call(url, { method: 'POST', body: '{}' });
      void message.success(done);
      await load();
    } catch (e) {
      report(e);
    }
  };
  return (
    <Card style={{ marginTop: 16 }} title="签名密钥" extra={<Popconfirm title="轮换后新证书使用新密钥签名，旧二维码在旧密钥停用前仍可核验。确定轮换？" onConfirm={() => act('/api/credentials/keys/rotate', '已轮换签名密钥')}><Button>轮换密钥</Button></Popconfirm>}>
      <Table<KeyInfo>
        size="small"
        rowKey="kid"
        dataSource={keys}
        pagination={false}
        columns={[
          { title: '密钥编号', dataIndex: 'kid' },
          { title: '状态', dataIndex: 'status', render: (s: KeyInfo['status']) => <Tag color={KEY_STATUS[s][1]}>{KEY_STATUS[s][0]}</Tag> },
          { title: '创建时间', dataIndex: 'createdAt', render: (t: string) => new Date(t).toLocaleString('zh-CN', { hour12: false }) },
          { title: '说明', dataIndex: 'note' },
          {
            title: '操作',
            render: (_, k) => (
              <Space>
                {k.status === 'verify' && (
                  <Popconfirm title="停用后，此密钥签发的二维码将核验失败（提示重新打印）。确定停用？" onConfirm={() => act(`/api/credentials/keys/${k.kid}/retire`, '已停用')}>
                    <Button size="small">停用</Button>
                  </Popconfirm>
                )}
                {k.status !== 'compromised' && (
                  <Popconfirm title="作废（密钥泄露）后，此密钥签发的二维码一律核验失败。确定作废？" onConfirm={() => act(`/api/credentials/keys/${k.kid}/compromise`, '已作废')}>
                    <Button size="small" danger>
                      作废
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
