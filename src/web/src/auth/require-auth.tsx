import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LOGIN_PATH, useAuth } from './auth-context.js';

/** Console pages render only for a signed-in user; others go to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) {
    return (
      <div className="page-center">
        <Spin size="large" tip="正在验证登录状态…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (user === null) {
    return <Navigate to={LOGIN_PATH} replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}
