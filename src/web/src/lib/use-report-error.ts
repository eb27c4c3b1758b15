import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api.js';

/** Shows an API error's (Chinese) message. A 401 is left to the login redirect. */
export function useReportError(): (error: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return;
      const text = error instanceof Error && error.message ? error.message : '操作失败，请稍后重试';
      void message.error(text);
    },
    [message],
  );
}
