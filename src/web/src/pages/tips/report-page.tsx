// 网上举报: the public tip form. No login; the reporter chooses a PIN and receives a tracking code.

import { CheckCircleOutlined, FileSearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Result, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { Brand, DEPARTMENT } from '../../components/brand.js';
import { LinkButton } from '../../components/link-button.js';
import { cleanForm, TipFields } from './tip-fields.js';
import { tipsApi, type SubmittedTip, type TipForm } from './tips-api.js';
import './tips.css';

const { Paragraph, Text, Title } = Typography;

export const WHO_SEES =
  '您的举报将由所选地区（未选时为被举报对象所在地区）的住房和城乡建设主管部门办理，只有该部门及其上级部门的办理人员能看到。实名举报人的姓名和电话予以保密，办理人员查看时均有记录；匿名举报不收集身份信息。';

export function PublicShell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="portal tips-portal">
      <header className="portal-header">
        <div className="portal-container portal-header-inner">
          <Brand light />
          <LinkButton to="/" ghost>
            门户首页
          </LinkButton>
        </div>
      </header>
      <main className="portal-container portal-main tips-main">
        <Title level={2}>{title}</Title>
        {children}
      </main>
      <footer className="portal-footer">
        <div className="portal-container">
          <div>主办单位：{DEPARTMENT}</div>
          <div>举报电话 12350</div>
        </div>
      </footer>
    </div>
  );
}

export function ReportPage() {
  const [form] = Form.useForm<TipForm & { pinConfirm: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SubmittedTip | null>(null);

  const submit = async (values: TipForm & { pinConfirm?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { pinConfirm: _, ...tip } = values;
      setDone(await tipsApi.submit(cleanForm(tip), files.map((f) => f.originFileObj as File).filter(Boolean)));
      window.scrollTo(0, 0);
    } catch (e) {
      setError(e instanceof Error ? e.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <PublicShell title="网上举报">
        <Card>
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title="举报已提交"
            subTitle={`由${done.handlingUnit}办理，将于 ${done.dueDate} 前作出处理。`}
            extra={
              <Space direction="vertical" size="middle" style={{ maxWidth: 560, textAlign: 'left' }}>
                <div>
                  <Text>请记下您的查询码（连同您设置的查询密码，用于查询进度和留言）：</Text>
                  <div className="tracking-code" data-testid="tracking-code">
                    {done.trackingCode}
                  </div>
                  <Paragraph copyable={{ text: done.trackingCode, tooltips: ['复制查询码', '已复制'] }} type="secondary">
                    查询码只显示这一次，遗失后无法找回。
                  </Paragraph>
                </div>
                <Alert type="info" showIcon message="谁能看到您的举报" description={done.notice} />
                <LinkButton to="/report/track" type="primary" icon={<FileSearchOutlined />}>
                  查询办理进度
                </LinkButton>
              </Space>
            }
          />
        </Card>
      </PublicShell>
    );

  return (
    <PublicShell title="网上举报">
      <Paragraph type="secondary">举报伪造、买卖、租借（挂证）、冒用建筑施工安全生产资格证书，培训考试弄虚作假，假冒政府网站和黑中介等问题。也可拨打 12350 举报。</Paragraph>
      <Alert type="info" showIcon message="谁能看到您的举报" description={WHO_SEES} className="tips-notice" />
      <Card>
        <Form form={form} name="public-tip" layout="vertical" onFinish={submit} className="tips-form" scrollToFirstError>
          <TipFields />
          <Form.Item label="附件" extra="照片或 PDF，最多 5 个，每个不超过 10 MB">
            <Upload
              multiple
              accept="image/jpeg,image/png,image/gif,image/webp,application/pdf"
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item
            name="pin"
            label="查询密码"
            extra="6 至 12 位数字，与查询码一起用于查询进度，请牢记"
            rules={[
              { required: true, message: '请设置查询密码' },
              { pattern: /^\d{6,12}$/, message: '应为 6 至 12 位数字' },
            ]}
          >
            <Input.Password inputMode="numeric" maxLength={12} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="pinConfirm"
            label="确认查询密码"
            dependencies={['pin']}
            rules={[
              { required: true, message: '请再次输入查询密码' },
              ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error('两次输入的查询密码不一致'))) }),
            ]}
          >
            <Input.Password inputMode="numeric" maxLength={12} autoComplete="new-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} className="tips-error" />}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                提交举报
              </Button>
              <LinkButton to="/report/track">查询举报进度</LinkButton>
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </PublicShell>
  );
}
