import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Input, Modal, Result, Skeleton, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError, type CertificateRow, type PersonDetail } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { useReportError } from '../../lib/use-report-error.js';
import { certificateColumns } from '../../components/certificate-columns.js';
import { formatDate } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { IdWarning } from './id-warning.js';
import { ChangesTable, ExamsTable, InsuranceTable, StaffingTable, TrainingTable } from './person-tabs.js';

/** The shortest reason the server accepts for revealing a person in full. */
const MIN_REASON = 4;

/** Everything the registry holds on one person, by kind, in tabs; masked until revealed with a reason. */
export function PersonDrawer({ idNo, onClose }: { idNo: string | null; onClose: () => void }) {
  return (
    <Drawer open={idNo !== null} onClose={onClose} width="min(1080px, 92vw)" title="人员详情" destroyOnHidden>
      {idNo && <PersonDetails idNo={idNo} />}
    </Drawer>
  );
}

function PersonDetails({ idNo }: { idNo: string }) {
  const detail = useRemote(() => api.person(idNo), [idNo]);
  const [revealed, setRevealed] = useState<PersonDetail | null>(null);
  const [asking, setAsking] = useState(false);
  const can = usePermissions();
  const certColumns = useMemo(() => certificateColumns({ forPerson: true }), []);

  if (detail.loading && !detail.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return <Result status="404" title="该人员不存在" subTitle="人员库中没有此人员，或其不在本辖区内" />;
  }
  if (!detail.data) return <Result status="warning" title="人员详情加载失败" subTitle="请稍后重试" />;

  const shown = revealed ?? detail.data;
  const { person, certificates, staffing, social_insurance, changes, training, exams } = shown;
  const label = (text: string, n: number) => `${text}（${n}）`;
  return (
    <div data-testid="person-details">
      {shown.revealed ? (
        <Alert type="warning" showIcon className="person-reveal-note" message="已显示完整信息：本次查看及理由已记入审计日志" style={{ marginBottom: 12 }} />
      ) : (
        can('pii.reveal') && (
          <div style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <Tag>姓名、身份证号已脱敏</Tag>
            <Button icon={<EyeOutlined />} onClick={() => setAsking(true)}>
              查看完整信息
            </Button>
          </div>
        )
      )}
      <RevealModal open={asking} personRef={detail.data.ref} onCancel={() => setAsking(false)} onRevealed={(d) => (setRevealed(d), setAsking(false))} />
      <Descriptions bordered size="small" column={2} className="person-header">
        <Descriptions.Item label="姓名">{person.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          <span className="mono">{person.id_no}</span>
          {!person.id_valid && <IdWarning />}
        </Descriptions.Item>
        <Descriptions.Item label="性别">{person.gender ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="出生日期">{formatDate(person.birth_date)}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'certificates',
            label: label('证书', certificates.length),
            children: (
              <Table<CertificateRow>
                size="small"
                rowKey={(r) => `${r.source}|${r.cert_no}`}
                columns={certColumns}
                dataSource={certificates}
                locale={{ emptyText: '无证书记录' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 900 }}
              />
            ),
          },
          { key: 'staffing', label: label('项目任职', staffing.length), children: <StaffingTable rows={staffing} /> },
          {
            key: 'insurance',
            label: label('社保参保', new Set(social_insurance.map((r) => `${r.employer_uscc}|${r.month}`)).size),
            children: <InsuranceTable rows={social_insurance} />,
          },
          { key: 'changes', label: label('变更记录', changes.length), children: <ChangesTable rows={changes} /> },
          { key: 'training', label: label('培训记录', training.length), children: <TrainingTable rows={training} /> },
          { key: 'exams', label: label('考试记录', exams.length), children: <ExamsTable rows={exams} /> },
        ]}
      />
    </div>
  );
}

/** Asks why the full record is needed; the server records the reason with the reveal. */
function RevealModal({ open, personRef, onCancel, onRevealed }: { open: boolean; personRef: string; onCancel: () => void; onRevealed: (d: PersonDetail) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reportError = useReportError();
  const tooShort = [...reason.trim()].length < MIN_REASON;
  const submit = async () => {
    setBusy(true);
    try {
      onRevealed(await api.revealPerson(personRef, reason.trim()));
      setReason('');
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="查看完整信息"
      okText="查看"
      cancelText="取消"
      onCancel={onCancel}
      onOk={() => void submit()}
      okButtonProps={{ disabled: tooShort, loading: busy }}
      destroyOnHidden
    >
      <p>查看完整的姓名和身份证号须说明理由，理由与查看记录将记入审计日志。</p>
      <Input.TextArea
        aria-label="查看理由"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        rows={3}
        placeholder={`例如：案件调查核对身份（至少 ${MIN_REASON} 个字）`}
      />
    </Modal>
  );
}
