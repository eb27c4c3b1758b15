// The frame of the phone-sized field pages: a title bar and one column.

import { LeftOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './inspections.css';

export function FieldLayout({ title, back, children }: { title: string; back: string; children: ReactNode }) {
  return (
    <div className="field-page">
      <header className="field-header">
        <Link to={back} aria-label="返回">
          <LeftOutlined /> 返回
        </Link>
        <h1>{title}</h1>
        <span style={{ width: 48 }} />
      </header>
      <main className="field-body">{children}</main>
    </div>
  );
}
