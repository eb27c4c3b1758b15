import {
  AlertOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context.js';
import { ChangePasswordDialog } from '../auth/change-password-dialog.js';
import { Brand } from '../components/brand.js';

const MENU: Array<{ path: string; label: string; icon: ReactNode }> = [
  { path: '/console', label: '概览', icon: <DashboardOutlined /> },
  { path: '/console/import', label: '数据导入', icon: <CloudUploadOutlined /> },
  { path: '/console/certificates', label: '证书库', icon: <SafetyCertificateOutlined /> },
  { path: '/console/enterprises', label: '企业库', icon: <BankOutlined /> },
  { path: '/console/persons', label: '人员库', icon: <IdcardOutlined /> },
  { path: '/console/roster', label: '企业自查', icon: <AuditOutlined /> },
  { path: '/console/e-certificate', label: '电子证书', icon: <FileProtectOutlined /> },
  { path: '/console/verification-signals', label: '核验预警', icon: <AlertOutlined /> },
  { path: '/console/screening', label: '大数据筛查', icon: <RadarChartOutlined /> },
  { path: '/console/accounts', label: '账号管理', icon: <TeamOutlined /> },
  { path: '/console/registrations', label: '注册审核', icon: <SolutionOutlined /> },
];

/** The longest menu path that prefixes the current location is the selected item. */
function selectedKey(pathname: string): string {
  const match = MENU.filter((m) => pathname === m.path || pathname.startsWith(`${m.path}/`)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  return match?.path ?? '/console';
}

export function ConsoleLayout() {
  const { user, logout } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

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
            selectedKeys={[selectedKey(location.pathname)]}
            items={MENU.map((m) => ({ key: m.path, icon: m.icon, label: m.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
