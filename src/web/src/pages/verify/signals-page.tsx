import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api.js';
import { PageHeader } from '../../components/page-header.js';
import { OpenClueButton } from '../clues/open-clue-button.js';
import { useReportError } from '../../lib/use-report-error.js';

interface Signal {
  certNo: string;
  checks: number;
  clients: number;
  places: number;
  noMatch: number;
  firstAt: string;
  lastAt: string;
  reasons: string[];
  registered: Array<{ source: string; name: string; category: string; status: string; expires: string; employerUscc: string | null }>;
}

interface Thresholds {
  minutes: number;
  minClients: number;
  minPlaces: number;
}

async function fetchSignals(t: Partial<Thresholds>): Promise<{ since: string; thresholds: Thresholds; items: Signal[] }> {
  const q = new URLSearchParams(Object.entries(t).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`/api/verification/signals?${q}`, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, 'signals', res.status === 401 ? '登录已失效，请重新登录' : `加载失败（HTTP ${res.status}）`);
  return res.json();
}

const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 核验预警: certificates checked by many clients or from many places in a short time. */
export function SignalsPage() {
  const report = useReportError();
  const [t, setT] = useState<Partial<Thresholds>>({});
  const [data, setData] = useState<{ since: string; thresholds: Thresholds; items: Signal[] } | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(
    async (th: Partial<Thresholds>) => {
      setLoading(true);
      try {
        const d = await fetchSignals(th);
        setData(d);
        setT(d.thresholds);
      } catch (e) {
        report(e);
      } finally {
        setLoading(false);
      }
    },
    [report],
  );
  useEffect(() => {
    void load({});
  }, [load]);

  return (
    <div>
      <PageHeader
        title="核验预警"
        description="短时间内被许多不同客户端、或从许多不同网络位置核验的证书：可能是一证多用（借证、挂证）或有人在试探证书编号。客户端和位置只以加密摘要保存。"
      />
      <Card>
        <Form layout="inline" onFinish={() => void load(t)} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label="时间窗（分钟）">
            <InputNumber min={1} max={43200} value={t.minutes} onChange={(v) => setT({ ...t, minutes: v ?? undefined })} />
          </Form.Item>
          <Form.Item label="客户端数 ≥">
            <InputNumber min={2} value={t.minClients} onChange={(v) => setT({ ...t, minClients: v ?? undefined })} />
          </Form.Item>
          <Form.Item label="网络位置数 ≥">
            <InputNumber min={2} value={t.minPlaces} onChange={(v) => setT({ ...t, minPlaces: v ?? undefined })} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<ReloadOutlined />} loading={loading}>
              刷新
            </Button>
          </Form.Item>
        </Form>
        {data && (
          <Typography.Paragraph type="secondary">
            统计自 {time(data.since)} 起，共 {data.items.length} 张证书达到预警条件。
          </Typography.Paragraph>
        )}
        <Table<Signal>
          rowKey="certNo"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '证书编号', dataIndex: 'certNo', width: 200 },
            {
              title: '登记情况',
              render: (_, s) =>
                s.registered.length === 0 ? (
                  <Tag color="red">证书库中不存在</Tag>
                ) : (
                  <Space direction="vertical" size={0}>
                    {s.registered.map((r) => (
                      <span key={r.source}>
                        {r.name} · {r.category} · {r.status}
                        {r.source ? `（${r.source}）` : ''}
                      </span>
                    ))}
                  </Space>
                ),
            },
            { title: '核验次数', dataIndex: 'checks', width: 90 },
            { title: '客户端', dataIndex: 'clients', width: 80 },
            { title: '网络位置', dataIndex: 'places', width: 90 },
            { title: '不符/不存在', dataIndex: 'noMatch', width: 100 },
            { title: '最近核验', dataIndex: 'lastAt', width: 170, render: time },
            { title: '预警原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
            { title: '', width: 110, render: (_, s) => <OpenClueButton certNo={s.certNo} reasons={s.reasons} /> },
          ]}
        />
      </Card>
    </div>
  );
}
