// 仿冒网站 (console): check a URL against the register of official sites, record look-alikes (a clue
// opens), see what was reported; administrators keep the register.

import { Alert, Button, Card, Checkbox, Col, Form, Input, List, Popconfirm, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { request } from '../../api.js';
import { useAuth } from '../../auth/auth-context.js';
import { PageHeader } from '../../components/page-header.js';
import { useRemote } from '../../lib/use-remote.js';
import { VERDICT_COLORS, VERDICT_TEXT, type Lookalike } from '../tips/tips-api.js';

interface Checked extends Lookalike {
  verdictText: string;
  id: string | null;
  clueId: string | null;
}
interface Reported {
  id: string;
  url: string;
  host: string;
  verdict: Lookalike['verdict'];
  verdictText: string;
  reasons: string[];
  source: string;
  clueId: string | null;
  createdAt: string;
}

export function WebsitesPage() {
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const official = useRemote(() => request<{ items: Array<{ host: string; name: string }> }>('/api/websites/official'), []);
  const reported = useRemote(() => request<{ total: number; items: Reported[] }>('/api/websites/reported?pageSize=50'), []);
  const [result, setResult] = useState<Checked | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async (v: { url: string; record?: boolean }) => {
    setError(null);
    try {
      setResult(await request<Checked>('/api/websites/check', { method: 'POST', body: { url: v.url, record: !!v.record } }));
      if (v.record) reported.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : '检查失败');
    }
  };

  const add = async (v: { host: string; name: string }) => {
    setError(null);
    try {
      await request('/api/websites/official', { method: 'POST', body: v });
      official.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : '添加失败');
    }
  };

  return (
    <>
      <PageHeader title="仿冒网站" description="对照官方网站名录检查网址：编辑距离、形近字（0/o、1/l、rn/m、西里尔字母、全角）、仿冒 gov.cn 域名" />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="网址检查">
            <Form name="check-website" layout="inline" onFinish={check}>
              <Form.Item name="url" label="网址" rules={[{ required: true, whitespace: true, message: '请填写网址' }]}>
                <Input style={{ width: 280 }} placeholder="https://" />
              </Form.Item>
              <Form.Item name="record" valuePropName="checked">
                <Checkbox>登记（疑似仿冒的生成线索）</Checkbox>
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit">
                  检查
                </Button>
              </Form.Item>
            </Form>
            {result && (
              <Alert
                style={{ marginTop: 16 }}
                type={result.verdict === 'lookalike' ? 'error' : result.verdict === 'official' ? 'success' : 'info'}
                showIcon
                data-testid="website-verdict"
                message={
                  <Space>
                    <Tag color={VERDICT_COLORS[result.verdict]}>{VERDICT_TEXT[result.verdict]}</Tag>
                    {result.host}
                    {result.clueId && <Tag color="orange">已生成线索</Tag>}
                  </Space>
                }
                description={result.reasons.join('；')}
              />
            )}
          </Card>
          <Card title="登记的可疑网站" style={{ marginTop: 16 }}>
            <Table<Reported>
              rowKey="id"
              size="small"
              loading={reported.loading}
              dataSource={reported.data?.items ?? []}
              pagination={false}
              columns={[
                { title: '网址', dataIndex: 'host' },
                { title: '结论', dataIndex: 'verdict', render: (v: Lookalike['verdict']) => <Tag color={VERDICT_COLORS[v]}>{VERDICT_TEXT[v]}</Tag> },
                { title: '理由', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
                { title: '来源', dataIndex: 'source', render: (s: string) => (s === 'tip' ? '群众举报' : '人工录入') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="官方网站名录">
            <List
              size="small"
              dataSource={official.data?.items ?? []}
              renderItem={(d) => (
                <List.Item
                  actions={
                    isAdmin
                      ? [
                          <Popconfirm key="rm" title={`从名录中移除 ${d.host}？`} onConfirm={async () => {
                            await request(`/api/websites/official/${encodeURIComponent(d.host)}`, { method: 'DELETE' });
                            official.reload();
                          }}>
                            <Button size="small" type="link" danger>
                              移除
                            </Button>
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta title={d.host} description={d.name} />
                </List.Item>
              )}
            />
            {isAdmin && (
              <Form name="add-official" layout="vertical" onFinish={add} style={{ marginTop: 12 }}>
                <Form.Item name="host" label="域名" rules={[{ required: true, message: '请填写域名' }]}>
                  <Input placeholder="如 jst.sc.gov.cn" />
                </Form.Item>
                <Form.Item name="name" label="网站名称" rules={[{ required: true, message: '请填写网站名称' }]}>
                  <Input />
                </Form.Item>
                <Button htmlType="submit">添加到名录</Button>
              </Form>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
