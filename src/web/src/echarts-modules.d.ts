// Deep ECharts modules ship without declarations; only what echarts-setup.ts imports.
declare module 'echarts/lib/renderer/installSVGRenderer.js' {
  export const install: unknown;
}
