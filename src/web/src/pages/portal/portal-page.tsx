import { AlertOutlined, ArrowRightOutlined, FileSearchOutlined, PhoneOutlined, ReadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { api, type RegistryCounts } from '../../api.js';
import { Brand, DEPARTMENT } from '../../components/brand.js';
import { LinkButton } from '../../components/link-button.js';
import { KIND_LABELS, KIND_NAMES, KIND_UNITS } from '../../labels.js';

const { Paragraph, Title, Text } = Typography;

export const OFFICIAL_PLATFORM = { name: '全国工程质量安全监管信息平台', url: 'https://zlaq.mohurd.gov.cn' };
export const REPORT_HOTLINE = '12350';

const CAMPAIGN_TARGETS = [
  '打掉一批制售假证窝点',
  '惩处一批假冒政府网站的团伙',
  '查处一批持假证人员和使用假证的企业',
  '清理一批弄虚作假的培训考试机构',
  '曝光一批典型案例',
];

export function PortalPage() {
  return (
    <div className="portal">
      <header className="portal-header">
        <div className="portal-container portal-header-inner">
          <Brand light />
          <LinkButton to="/console" ghost icon={<ArrowRightOutlined />} iconPosition="end">
            管理后台
          </LinkButton>
        </div>
      </header>

      <section className="portal-hero">
        <div className="portal-container">
          <Title level={1} className="portal-hero-title">
            安全生产资格证书涉假专项治理
          </Title>
          <Paragraph className="portal-hero-lead">
            {
              '严厉打击伪造、买卖、租借（挂证）、冒用建筑施工安全生产资格证书的违法违规行为，守住建筑施工安全生产的第一道关口。'
            }
          </Paragraph>
          <Space size="middle" wrap>
            <LinkButton to="/verify" size="large" type="primary" icon={<SafetyCertificateOutlined />}>
              证书核验（扫码 / 查询）
            </LinkButton>
            <Button
              href={OFFICIAL_PLATFORM.url}
              target="_blank"
              rel="noopener noreferrer"
              size="large"
              icon={<FileSearchOutlined />}
              className="portal-hero-primary"
            >
              官方证书查询渠道
            </Button>
            <Button href={`tel:${REPORT_HOTLINE}`} size="large" ghost icon={<PhoneOutlined />}>
              举报电话 {REPORT_HOTLINE}
            </Button>
          </Space>
        </div>
      </section>

      <main className="portal-container portal-main">
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={10}>
            <Card className="portal-card" title={<CardTitle icon={<ReadOutlined />} text="专项治理简介" />}>
              <Paragraph>
                {`2024年5月，应急管理部、住房和城乡建设部等九部门联合部署开展安全生产资格证书涉假专项治理（应急〔2024〕39号）。${DEPARTMENT}在全省建筑施工领域组织实施，逢查必检证书，严查假证、挂证、借证、冒用证书和培训考试弄虚作假。`}
              </Paragraph>
              <Text strong>治理目标（“五个一批”）</Text>
              <ul className="portal-list">
                {CAMPAIGN_TARGETS.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </Card>
          </Col>
          <Col xs={24} md={12} lg={7}>
            <Card className="portal-card" title={<CardTitle icon={<PhoneOutlined />} text="举报途径" />}>
              <div className="portal-hotline">
                <Text type="secondary">举报电话</Text>
                <div className="portal-hotline-number">{REPORT_HOTLINE}</div>
              </div>
              <Paragraph>
                {`发现伪造、买卖、租借、冒用安全生产资格证书，或培训考试机构弄虚作假、假冒政府网站等线索，请拨打 ${REPORT_HOTLINE} 举报。`}
              </Paragraph>
              <Paragraph type="secondary" className="portal-note">
                举报人信息依法严格保密；经查证属实的，按规定给予奖励。
              </Paragraph>
            </Card>
          </Col>
          <Col xs={24} md={12} lg={7}>
            <Card className="portal-card" title={<CardTitle icon={<FileSearchOutlined />} text="官方查询渠道" />}>
              <Paragraph>
                {'建筑施工安全生产考核合格证书（三类人员）和特种作业操作资格证书，请通过住房和城乡建设部'}
                <a href={OFFICIAL_PLATFORM.url} target="_blank" rel="noopener noreferrer">
                  {OFFICIAL_PLATFORM.name}
                </a>
                （网站及微信小程序）查询核验。
              </Paragraph>
              <Paragraph copyable={{ text: OFFICIAL_PLATFORM.url, tooltips: ['复制网址', '已复制'] }}>
                <Text code>{OFFICIAL_PLATFORM.url}</Text>
              </Paragraph>
              <Alert
                type="warning"
                showIcon
                icon={<AlertOutlined />}
                message="谨防假冒网站"
                description="除官方平台外，其他自称可查询、办理证书的网站、二维码或中介均不可信，“免考、速成、包过”均为骗局。"
              />
            </Card>
          </Col>
        </Row>

        <RegistryOverview />

        <Card className="portal-console-entry">
          <div className="portal-console-entry-inner">
            <div>
              <Title level={4} style={{ margin: 0 }}>
                管理后台
              </Title>
              <Text type="secondary">供各级住房城乡建设主管部门工作人员导入数据、查询证书库和企业库。</Text>
            </div>
            <LinkButton to="/console" type="primary" size="large" icon={<ArrowRightOutlined />} iconPosition="end">
              进入管理后台
            </LinkButton>
          </div>
        </Card>
      </main>

      <footer className="portal-footer">
        <div className="portal-container">
          <div>主办单位：{DEPARTMENT}</div>
          <div>证盾 CertGuard · 建筑施工安全生产资格证书管理系统</div>
        </div>
      </footer>
    </div>
  );
}

function CardTitle({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <span className="portal-card-title">
      {icon}
      {text}
    </span>
  );
}

/** Aggregate counts only (no personal data); hidden when the summary is unavailable. */
function RegistryOverview() {
  const [counts, setCounts] = useState<RegistryCounts | null>(null);
  useEffect(() => {
    let current = true;
    api.summary(false).then(
      (r) => current && setCounts(r.counts),
      () => current && setCounts(null),
    );
    return () => {
      current = false;
    };
  }, []);
  if (!counts) return null;
  return (
    <Card className="portal-overview" title="证书库数据概况">
      <Row gutter={[16, 16]}>
        {KIND_NAMES.map((kind) => (
          <Col key={kind} xs={12} sm={8} md={6}>
            <Statistic title={KIND_LABELS[kind]} value={counts[kind] ?? 0} suffix={KIND_UNITS[kind]} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
