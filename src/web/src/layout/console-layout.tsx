import {
  AlertOutlined,
  AuditOutlined,
  AimOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  NotificationOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  ScanOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.js';
import { ChangePasswordDialog } from '../auth/change-password-dialog.js';
import { usePermissions, type Permission } from '../auth/permissions.js';
import { NoAccessPage } from '../pages/no-access-page.js';
import { Brand } from '../components/brand.js';

/** Each item names the permission (server policy table) its page needs; the overview needs none. */
const MENU: Array<{ path: string; label: string; icon: ReactNode; permission?: Permission }> = [
  { path: '/console', label: '概览', icon: <DashboardOutlined /> },
  { path: '/console/import', label: '数据导入', icon: <CloudUploadOutlined />, permission: 'import.read' },
  { path: '/console/certificates', label: '证书库', icon: <SafetyCertificateOutlined />, permission: 'registry.read' },
  { path: '/console/enterprises', label: '企业库', icon: <BankOutlined />, permission: 'registry.read' },
  { path: '/console/persons', label: '人员库', icon: <IdcardOutlined />, permission: 'registry.read' },
  { path: '/console/roster', label: '企业自查', icon: <AuditOutlined />, permission: 'roster.check' },
  { path: '/console/e-certificate', label: '电子证书', icon: <FileProtectOutlined />, permission: 'credentials.read' },
  { path: '/console/verification-signals', label: '核验预警', icon: <AlertOutlined />, permission: 'verification.signals' },
  { path: '/console/screening', label: '大数据筛查', icon: <RadarChartOutlined />, permission: 'screening.read' },
  { path: '/console/clues', label: '线索', icon: <AimOutlined />, permission: 'clues.read' },
  { path: '/console/cases', label: '案件', icon: <FolderOpenOutlined />, permission: 'cases.read' },
  { path: '/console/dishonesty', label: '失信名单', icon: <StopOutlined />, permission: 'dishonesty.read' },
  { path: '/console/tips', label: '举报处理', icon: <NotificationOutlined />, permission: 'tips.read' },
  { path: '/console/inspections', label: '现场检查', icon: <ScanOutlined />, permission: 'inspections.read' },
  { path: '/console/websites', label: '仿冒网站', icon: <GlobalOutlined />, permission: 'websites.check' },
  { path: '/console/audit', label: '审计日志', icon: <FileSearchOutlined />, permission: 'audit.read' },
  { path: '/console/accounts', label: '账号管理', icon: <TeamOutlined />, permission: 'accounts.read' },
  { path: '/console/registrations', label: '注册审核', icon: <SolutionOutlined />, permission: 'registrations.approve' },
];

/** The longest menu path that prefixes the current location is the selected item. */
function selectedItem(pathname: string) {
  return MENU.filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}

export function ConsoleLayout() {
  const { user, logout } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const can = usePermissions();
  const current = selectedItem(location.pathname);
  const allowed = !current?.permission || can(current.permission);

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setChangingPassword(true);
      if (key === 'logout') void logout();
    },
  };

  return (
    <Layout className="console">
      <Layout.Header className="console-header">
        <Link to="/console" className="console-brand">
          <Brand compact light />
        </Link>
        <div className="console-header-right">
          <Link to="/" className="console-portal-link">
            门户首页
          </Link>
          <Dropdown menu={userMenu} placement="bottomRight">
            <span className="console-user" data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} className="console-avatar" />
              {user?.displayName || user?.username}
            </span>
          </Dropdown>
          <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} theme="light" breakpoint="lg" collapsedWidth={56} className="console-sider">
          <Menu
            mode="inline"
            selectedKeys={[current?.path ?? '/console']}
            items={MENU.filter((m) => !m.permission || can(m.permission)).map((m) => ({ key: m.path, icon: m.icon, label: m.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="console-content">
          {allowed ? <Outlet /> : <NoAccessPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
