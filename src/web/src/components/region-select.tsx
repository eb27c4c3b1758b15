import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Region } from '../api.js';
import { useRegions } from '../lib/regions.js';

interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

/** Cities (市州) with their counties underneath; choosing either filters by that code. */
export function RegionSelect({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const regions = useRegions();
  const tree = useMemo(() => buildTree(regions), [regions]);
  return (
    <TreeSelect<string>
      value={value || undefined}
      onChange={(code) => onChange(code ?? '')}
      treeData={tree}
      placeholder="地区（市州/区县）"
      allowClear
      showSearch
      treeNodeFilterProp="title"
      style={{ width: 170 }}
      popupMatchSelectWidth={260}
      notFoundContent="无匹配地区"
      aria-label="地区"
    />
  );
}

function buildTree(regions: Region[]): TreeNode[] {
  const cities = regions.filter((r) => r.level === 'city').sort((a, b) => a.code.localeCompare(b.code));
  return cities.map((city) => {
    const counties = regions
      .filter((r) => r.level === 'county' && r.parent === city.code)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((c) => ({ value: c.code, title: c.name }));
    return counties.length > 0
      ? { value: city.code, title: city.name, children: counties }
      : { value: city.code, title: city.name };
  });
}
