// antd 5 was written for React 16-18; this patch adapts its portals and wave effect to React 19.
import '@ant-design/v5-patch-for-react-19';
import { App as AntApp, ConfigProvider, type ConfigProviderProps, type ThemeConfig } from 'antd';
import zhCNModule from 'antd/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app.js';
import { cjsDefault } from './lib/cjs-default.js';
import './styles.css';

dayjs.locale('zh-cn');

const zhCN = cjsDefault(zhCNModule as ConfigProviderProps['locale'] | { default: ConfigProviderProps['locale'] });

export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** A restrained government palette: deep blue primary, squared corners, CJK-first fonts. */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4e97',
    colorLink: '#1d4e97',
    colorInfo: '#1d4e97',
    colorError: '#c4161c',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f2f4f8',
    // People who ask their system for less motion get none (and so do the browser tests).
    motion: !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
  },
  components: {
    Layout: { headerBg: '#123a75', headerHeight: 56, headerPadding: '0 24px', siderBg: '#ffffff' },
    Menu: { itemSelectedBg: '#e8eef8', itemSelectedColor: '#1d4e97' },
    // Registry tables are dense: 13 px cells with tighter padding in the 'middle' size.
    Table: { headerBg: '#f5f7fa', cellFontSize: 13, cellPaddingInlineMD: 10, cellPaddingBlockMD: 10 },
  },
};

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
