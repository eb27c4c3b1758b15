import { Descriptions, Drawer, Result, Skeleton, Table, Tabs } from 'antd';
import { useMemo } from 'react';
import { api, ApiError, type CertificateRow } from '../../api.js';
import { certificateColumns } from '../../components/certificate-columns.js';
import { formatDate } from '../../lib/format.js';
import { useRemote } from '../../lib/use-remote.js';
import { IdWarning } from './id-warning.js';
import { ChangesTable, ExamsTable, InsuranceTable, StaffingTable, TrainingTable } from './person-tabs.js';

/** Everything the registry holds on one person, by kind, in tabs. */
export function PersonDrawer({ idNo, onClose }: { idNo: string | null; onClose: () => void }) {
  return (
    <Drawer open={idNo !== null} onClose={onClose} width="min(1080px, 92vw)" title="人员详情" destroyOnHidden>
      {idNo && <PersonDetails idNo={idNo} />}
    </Drawer>
  );
}

function PersonDetails({ idNo }: { idNo: string }) {
  const detail = useRemote(() => api.person(idNo), [idNo]);
  const certColumns = useMemo(() => certificateColumns({ forPerson: true }), []);

  if (detail.loading && !detail.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return <Result status="404" title="未找到该人员" subTitle={`人员库中没有身份证号为 ${idNo} 的人员`} />;
  }
  if (!detail.data) return <Result status="warning" title="人员详情加载失败" subTitle="请稍后重试" />;

  const { person, certificates, staffing, social_insurance, changes, training, exams } = detail.data;
  const label = (text: string, n: number) => `${text}（${n}）`;
  return (
    <div data-testid="person-details">
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
