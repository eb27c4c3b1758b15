// The parts of ECharts the console uses, registered once. Kept in its own module so the
// dashboard can load it lazily and the bundler can leave every other chart type out.
//
// ECharts' declaration files re-export without file extensions, which NodeNext resolution
// cannot follow, so the few calls used here are typed by hand (see echarts-modules.d.ts).
import * as core from 'echarts/core';
import 'echarts/lib/chart/bar.js';
import 'echarts/lib/component/grid.js';
import 'echarts/lib/component/tooltip.js';
import { install as installSvgRenderer } from 'echarts/lib/renderer/installSVGRenderer.js';

export interface EChartsInstance {
  setOption(option: object, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
}

interface EChartsCore {
  init(element: HTMLElement, theme?: string | null, options?: { renderer?: 'canvas' | 'svg' }): EChartsInstance;
  use(extensions: unknown[]): void;
}

export const echarts = core as unknown as EChartsCore;
echarts.use([installSvgRenderer]);
