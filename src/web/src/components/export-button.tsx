import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { download } from '../api.js';
import { useReportError } from '../lib/use-report-error.js';

/** Downloads the list as Excel with the filters currently applied. */
export function ExportButton({ url, fileName }: { url: string; fileName: string }) {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await download(url, fileName);
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} onClick={onClick} loading={busy}>
      导出 Excel
    </Button>
  );
}
