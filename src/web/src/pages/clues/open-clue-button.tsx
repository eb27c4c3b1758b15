// 生成线索 from a verification signal (the 核验预警 page): the certificate becomes a clue of its
// jurisdiction, or joins the open clue on it.

import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { usePermissions } from '../../auth/permissions.js';
import { enforcementApi } from '../cases/enforcement-api.js';

export function OpenClueButton({ certNo, reasons }: { certNo: string; reasons: string[] }) {
  const { message } = AntApp.useApp();
  const can = usePermissions();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!can('clues.write')) return null;
  async function open() {
    setBusy(true);
    try {
      const r = await enforcementApi.clueFromSignal(certNo, reasons);
      message.success(r.created ? `已生成线索，由${r.regionName ?? '主管部门'}办理` : '该证书已有未办结线索，已并入');
      setDone(true);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" loading={busy} disabled={done} onClick={() => void open()}>
      {done ? '已生成线索' : '生成线索'}
    </Button>
  );
}
