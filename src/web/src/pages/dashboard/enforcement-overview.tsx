// 执法办案 on the dashboard: the jurisdiction's cases in progress, overdue ones (red) and open clues,
// for the accounts that may read cases (open clues only with clues.read).

import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { usePermissions } from '../../auth/permissions.js';
import { useRemote } from '../../lib/use-remote.js';
import { enforcementApi } from '../cases/enforcement-api.js';

export function EnforcementOverview() {
  const can = usePermissions();
  const canCases = can('cases.read');
  const canClues = can('clues.read');
  const cases = useRemote(() => (canCases ? enforcementApi.summary() : Promise.resolve(null)), [canCases]);
  const clues = useRemote(() => (canClues ? enforcementApi.clues({ status: 'open', pageSize: 1 }) : Promise.resolve(null)), [canClues]);
  if (!canCases) return null;
  const overdue = cases.data?.overdue ?? 0;

  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={12} md={8} xl={6}>
        <Card size="small" className="enforcement-card" loading={cases.loading && !cases.data}>
          <Statistic title={<Link to="/console/cases">在办案件</Link>} value={cases.data?.active ?? 0} suffix={<span className="stat-unit">件</span>} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={6}>
        <Card size="small" className="enforcement-card" loading={cases.loading && !cases.data}>
          <Statistic
            title={<Link to="/console/cases">超期案件</Link>}
            value={overdue}
            valueStyle={overdue > 0 ? { color: '#cf1322' } : undefined}
            suffix={<span className="stat-unit">件</span>}
          />
        </Card>
      </Col>
      {canClues && (
        <Col xs={12} md={8} xl={6}>
          <Card size="small" className="enforcement-card" loading={clues.loading && !clues.data}>
            <Statistic title={<Link to="/console/clues">待处理线索</Link>} value={clues.data?.total ?? 0} suffix={<span className="stat-unit">条</span>} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
