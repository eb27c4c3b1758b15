// 现场核验 (phone-sized): check every person's certificate on site — scan the QR code of the electronic
// certificate (camera, or a photo of it), type the number and the person's name, or record someone
// working without a certificate. Each problem becomes a clue on the server.

import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useRemote } from '../../lib/use-remote.js';
import { decodeQrFromFile, scanFromCamera } from '../verify/qr-decode.js';
import { FieldLayout } from './field-layout.js';
import { inspectionsApi, type CheckRequest, type SiteCheck } from './inspections-api.js';

type Mode = 'qr' | 'typed' | 'none';

export function InspectionCheckPage() {
  const { id = '' } = useParams();
  const insp = useRemote(() => inspectionsApi.get(id), [id]);
  const [mode, setMode] = useState<Mode>('qr');
  const [checks, setChecks] = useState<SiteCheck[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (insp.data) setChecks([...insp.data.checks].reverse());
  }, [insp.data]);

  const run = async (body: CheckRequest) => {
    setBusy(true);
    setError(null);
    try {
      const c = await inspectionsApi.check(id, body);
      setChecks((cs) => [c, ...cs]);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : '核验失败');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const i = insp.data;
  return (
    <FieldLayout title="现场核验" back="/console/inspections">
      {!i ? (
        <Spin />
      ) : (
        <>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={i.kind === 'site' ? '项目' : '机构'}>{i.projectName ?? i.orgName}</Descriptions.Item>
              {i.kind === 'site' && i.orgName && <Descriptions.Item label="企业">{i.orgName}</Descriptions.Item>}
              <Descriptions.Item label="地区 / 日期">
                {i.regionName} · {i.date}
              </Descriptions.Item>
              <Descriptions.Item label="检查人员">{i.inspectors.join('、')}</Descriptions.Item>
              {i.institution && (
                <Descriptions.Item label="机构检查">
                  视频抽查{i.institution.videoReviewed ? '已做' : '未做'}；回访 {i.institution.callsMade} 人，核实 {i.institution.callsConfirmed} 人；档案 {i.institution.filesChecked} 份，问题 {i.institution.fileProblems} 份
                </Descriptions.Item>
              )}
              {i.findings && <Descriptions.Item label="发现">{i.findings}</Descriptions.Item>}
              {i.clueId && <Descriptions.Item label="线索">已生成</Descriptions.Item>}
            </Descriptions>
          </Card>
          {i.kind === 'site' && (
            <Card size="small" title="核验一人">
              <Segmented<Mode>
                block
                value={mode}
                onChange={setMode}
                options={[
                  { value: 'qr', label: '扫码' },
                  { value: 'typed', label: '输入证书编号' },
                  { value: 'none', label: '无证人员' },
                ]}
                style={{ marginBottom: 12 }}
              />
              {mode === 'qr' && <QrCheck busy={busy} onScanned={(scanned, personName) => run({ method: 'qr', scanned, personName: personName || undefined })} onError={setError} />}
              {mode === 'typed' && <TypedCheck busy={busy} onCheck={(certNo, personName) => run({ method: 'typed', certNo, personName })} />}
              {mode === 'none' && <NoCertificate busy={busy} onCheck={(personName, idNo, post) => run({ method: 'none', personName, idNo, post })} />}
              {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
            </Card>
          )}
          <Typography.Text type="secondary">
            已核验 {checks.length} 人，发现问题 {checks.filter((c) => c.problem).length} 人
          </Typography.Text>
          <div data-testid="check-results" style={{ marginTop: 8 }}>
            {checks.map((c) => (
              <CheckCard key={c.id} c={c} />
            ))}
          </div>
        </>
      )}
    </FieldLayout>
  );
}

function CheckCard({ c }: { c: SiteCheck }) {
  return (
    <Card size="small" className={`check-card${c.problem ? ' problem' : ''}`} data-testid="check-result">
      <Space wrap size={4}>
        <Tag color={c.problem ? 'red' : 'green'}>{c.label}</Tag>
        {c.clueId && <Tag color="orange">{c.clueCreated === false ? '已并入线索' : '已生成线索'}</Tag>}
      </Space>
      <div>
        {c.certNo ?? '（无证书）'} {c.personName ?? ''}
        {c.holderName && c.result === 'mismatch' ? `（持证人 ${c.holderName}）` : ''}
      </div>
      {c.problem && <Typography.Text type="danger">{c.problem}</Typography.Text>}
    </Card>
  );
}

function QrCheck({ busy, onScanned, onError }: { busy: boolean; onScanned: (text: string, personName: string) => Promise<boolean>; onError: (m: string | null) => void }) {
  const [personName, setPersonName] = useState('');
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const photo = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const fromPhoto = async (file: File | undefined) => {
    if (!file) return;
    if (photo.current) photo.current.value = ''; // the same photo may be chosen again
    onError(null);
    try {
      const text = await decodeQrFromFile(file);
      if (!text) return onError('照片中没有识别到二维码：请让二维码清晰、完整地出现在照片中后重试，或改为输入证书编号。');
      await onScanned(text, personName);
    } catch {
      onError('无法读取这张图片，请换一张照片（JPG 或 PNG）。');
    }
  };

  const fromCamera = async () => {
    onError(null);
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    setScanning(true);
    try {
      const text = await scanFromCamera(video.current!, ctrl.signal);
      if (text) await onScanned(text, personName);
    } catch (e) {
      onError(e instanceof Error ? e.message : '无法打开摄像头，请改用“拍照上传”');
    } finally {
      setScanning(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input aria-label="现场人员姓名（可选，用于核对人证是否一致）" placeholder="现场人员姓名（可选，核对人证一致）" value={personName} onChange={(e) => setPersonName(e.target.value)} />
      <div className="field-actions">
        {scanning ? (
          <Button onClick={() => abort.current?.abort()}>停止扫码</Button>
        ) : (
          <Button type="primary" icon={<CameraOutlined />} onClick={fromCamera} loading={busy}>
            摄像头扫码
          </Button>
        )}
        <Button icon={<PictureOutlined />} onClick={() => photo.current?.click()} loading={busy}>
          拍照上传
        </Button>
      </div>
      <input
        ref={photo}
        data-testid="qr-photo"
        aria-label="二维码照片"
        type="file"
        accept="image/*"
        style={{ display: 'none' }}
        onChange={(e) => void fromPhoto(e.target.files?.[0])}
      />
      <video ref={video} className="field-video" muted playsInline hidden={!scanning} />
    </Space>
  );
}

function TypedCheck({ busy, onCheck }: { busy: boolean; onCheck: (certNo: string, personName: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ certNo: string; personName: string }>();
  return (
    <Form form={form} name="typed-check" layout="vertical" onFinish={async (v) => (await onCheck(v.certNo, v.personName)) && form.resetFields()}>
      <Form.Item name="certNo" label="证书编号" rules={[{ required: true, whitespace: true, message: '请填写证书编号' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="personName" label="现场人员姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        核验
      </Button>
    </Form>
  );
}

function NoCertificate({ busy, onCheck }: { busy: boolean; onCheck: (personName: string, idNo: string, post: string) => Promise<boolean> }) {
  const [form] = Form.useForm<{ personName: string; idNo: string; post: string }>();
  return (
    <Form form={form} name="no-certificate" layout="vertical" onFinish={async (v) => (await onCheck(v.personName, v.idNo, v.post ?? '')) && form.resetFields()}>
      <Form.Item name="personName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="idNo" label="身份证号" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
      <Form.Item name="post" label="岗位">
        <Input placeholder="如 塔吊司机、专职安全员" />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" block loading={busy}>
        登记无证上岗
      </Button>
    </Form>
  );
}
