import { CameraOutlined, PictureOutlined, QrcodeOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Brand, DEPARTMENT } from '../../components/brand.js';
import { LinkButton } from '../../components/link-button.js';
import { ago, checkScannedText, type BrowserCheck } from './offline-check.js';
import { decodeQrFromFile, scanFromCamera } from './qr-decode.js';
import { verifyByQuery, verifyTokenOnline, type VerifyAnswer } from './verify-api.js';
import { VerifyResult } from './verify-result.js';
import './verify.css';

const { Paragraph, Text } = Typography;

/** 证书核验: by number or ID with the holder's name, or by scanning the certificate's QR code. */
export function VerifyPage() {
  const [params] = useSearchParams();
  const initialToken = params.get('t');
  const [tab, setTab] = useState(initialToken ? 'qr' : 'certNo');
  return (
    <div className="portal verify-page">
      <header className="portal-header">
        <div className="portal-container portal-header-inner">
          <Brand light />
          <LinkButton to="/" ghost>
            门户首页
          </LinkButton>
        </div>
      </header>
      <main className="portal-container portal-main">
        <Typography.Title level={2}>证书核验</Typography.Title>
        <Paragraph type="secondary">
          核验建筑施工安全生产考核合格证书（三类人员）和特种作业操作资格证书的真伪与状态。为保护个人信息，结果中的姓名、身份证号部分隐藏；查询不到时不提示是编号还是姓名不符。
        </Paragraph>
        <Card>
          <Tabs
            destroyInactiveTabPane
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'certNo', label: '证书编号 + 姓名', children: <QueryForm by="certNo" /> },
              { key: 'idNo', label: '身份证号 + 姓名', children: <QueryForm by="idNo" /> },
              { key: 'qr', label: <span><QrcodeOutlined /> 扫码核验</span>, children: <QrCheck initialToken={initialToken} /> },
            ]}
          />
        </Card>
      </main>
      <footer className="portal-footer">
        <div className="portal-container">
          <div>主办单位：{DEPARTMENT}</div>
          <div>发现假证、挂证、冒用证书，请拨打 12350 举报</div>
        </div>
      </footer>
    </div>
  );
}

function QueryForm({ by }: { by: 'certNo' | 'idNo' }) {
  const [answer, setAnswer] = useState<VerifyAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const submit = async (v: { key: string; name: string }) => {
    setLoading(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await verifyByQuery(by === 'certNo' ? { certNo: v.key, name: v.name } : { idNo: v.key, name: v.name }));
    } catch (e) {
      setError(e instanceof Error ? e.message : '查询失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Form name={`verify-${by}`} layout="inline" onFinish={submit} className="verify-form">
        <Form.Item name="key" label={by === 'certNo' ? '证书编号' : '身份证号'} rules={[{ required: true, whitespace: true, message: by === 'certNo' ? '请填写证书编号' : '请填写身份证号' }]}>
          <Input placeholder={by === 'certNo' ? '如 川建安B(2021)1052428' : '18位身份证号'} allowClear style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写持证人姓名' }]}>
          <Input placeholder="持证人姓名" allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
            核验
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {answer && <VerifyResult answer={answer} />}
    </Space>
  );
}

function QrCheck({ initialToken }: { initialToken: string | null }) {
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<BrowserCheck | null>(null);
  const [online, setOnline] = useState<VerifyAnswer | null>(null);
  const [onlineError, setOnlineError] = useState<string | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const photo = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async (text: string) => {
    setBusy(true);
    setScanError(null);
    setOnline(null);
    setOnlineError(null);
    try {
      const c = await checkScannedText(text);
      setCheck(c);
      if (c.token && c.verdict?.claims) {
        try {
          setOnline(await verifyTokenOnline(c.token));
        } catch (e) {
          setOnlineError(e instanceof Error ? e.message : '在线核验失败');
        }
      }
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (initialToken) void run(initialToken);
    return () => abort.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialToken]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setCheck(null);
    try {
      const text = await decodeQrFromFile(file);
      if (!text) {
        setScanError('照片中没有识别到二维码：请让二维码清晰、完整地出现在照片中后重试。');
        setBusy(false);
        return;
      }
      await run(text);
    } catch {
      setScanError('无法读取这张图片，请换一张照片（JPG 或 PNG）。');
      setBusy(false);
    }
  };

  const startCamera = async () => {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    setScanning(true);
    setScanError(null);
    try {
      const text = await scanFromCamera(video.current!, ctl.signal);
      if (text) await run(text);
    } catch (e) {
      setScanError(e instanceof Error && e.message.includes('浏览器') ? e.message : '无法打开摄像头：请允许使用摄像头，或改用“上传照片”。');
    } finally {
      setScanning(false);
    }
  };

  const v = check?.verdict;
  const ok = v && ['valid'].includes(v.outcome);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Paragraph type="secondary">
        用手机相机扫描电子证书上的二维码会直接打开本页；也可以在此打开摄像头扫码，或上传二维码照片。签名和证书状态在本机核验，不需要上传照片。
      </Paragraph>
      <Space wrap>
        <Button icon={<CameraOutlined />} onClick={scanning ? () => abort.current?.abort() : startCamera}>
          {scanning ? '停止扫码' : '打开摄像头扫码'}
        </Button>
        <Button icon={<PictureOutlined />} onClick={() => photo.current?.click()}>
          上传二维码照片
        </Button>
        <input ref={photo} type="file" accept="image/*" data-testid="qr-photo" style={{ display: 'none' }} onChange={(e) => void onFile(e.target.files?.[0])} />
      </Space>
      <video ref={video} className="verify-video" style={{ display: scanning ? 'block' : 'none' }} muted playsInline />
      {busy && <Spin tip="正在核验…"><div style={{ height: 40 }} /></Spin>}
      {scanError && <Alert type="error" showIcon message={scanError} />}
      {check && (
        <div data-testid="qr-check">
          {check.problem && !v && <Alert type="error" showIcon message={check.problem} />}
          {v && (
            <Alert
              type={ok ? 'success' : v.claims ? 'warning' : 'error'}
              showIcon
              message={<span className="verify-result-label">{ok ? '二维码签名有效' : v.claims ? '二维码签名有效，但证书不可用' : '二维码核验未通过'}</span>}
              description={
                <div>
                  <div data-testid="qr-reason">{v.reason}</div>
                  {v.claims && v.status === null && (
                    <div>此证书不在本机的状态列表中（列表生成早于此二维码，或列表不可用），证书状态以下方在线核验为准。</div>
                  )}
                  {v.claims && (
                    <Text type="secondary">
                      签名密钥 {v.kid} · 发证日期 {new Date((v.claims.iat + 8 * 3600) * 1000).toISOString().slice(0, 10)} · 有效期至{' '}
                      {new Date((v.claims.exp - 1 + 8 * 3600) * 1000).toISOString().slice(0, 10)}
                    </Text>
                  )}
                </div>
              }
            />
          )}
          {check.listIssuedAt && (
            <Paragraph type="secondary" className="verify-list-age" data-testid="status-list-age">
              证书状态依据：状态列表生成于 {ago(check.listIssuedAt)}（{new Date(check.listIssuedAt).toLocaleString('zh-CN')}）
              {check.fromCache ? `，本机缓存于 ${ago(check.fetchedAt!)}（当前无法联网，状态可能不是最新）` : ''}
              {v?.statusStale ? '；该列表已过期，结果可能不是最新' : ''}
            </Paragraph>
          )}
          {check.problem && v && <Alert type="warning" showIcon message={check.problem} />}
        </div>
      )}
      {onlineError && <Alert type="warning" showIcon message={`在线核验暂不可用：${onlineError}（以上为本机离线核验结果）`} />}
      {online && (
        <div data-testid="qr-online">
          <Typography.Title level={5}>在线核验（证书库当前状态）</Typography.Title>
          <VerifyResult answer={online} />
        </div>
      )}
    </Space>
  );
}
