import { Button, Space } from 'antd';
import type { ReactNode } from 'react';

/** The row of search box and filters above a registry table, with reset and export at the end. */
export function FilterBar({
  children,
  onReset,
  extra,
}: {
  children: ReactNode;
  onReset: () => void;
  extra?: ReactNode;
}) {
  return (
    <div className="filter-bar">
      <Space wrap size={[12, 12]}>
        {children}
        <Button onClick={onReset}>重置</Button>
      </Space>
      {extra && <div className="filter-bar-extra">{extra}</div>}
    </div>
  );
}
