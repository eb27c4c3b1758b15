import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { Region } from '../../api.js';
import { useRegions } from '../../lib/regions.js';

interface Node {
  value: string;
  title: string;
  children?: Node[];
}

/** Province → cities → counties, limited to the subtree of `within` (the administrator's own jurisdiction). */
export function JurisdictionSelect({ value, onChange, within, placeholder = '所属辖区' }: { value?: string; onChange?: (code: string) => void; within: string; placeholder?: string }) {
  const regions = useRegions();
  const tree = useMemo(() => subtree(regions, within), [regions, within]);
  return (
    <TreeSelect<string>
      value={value || undefined}
      onChange={(code) => onChange?.(code ?? '')}
      treeData={tree}
      treeDefaultExpandedKeys={[within]}
      placeholder={placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      notFoundContent="无匹配地区"
      aria-label={placeholder}
      style={{ width: '100%' }}
    />
  );
}

function subtree(regions: Region[], root: string): Node[] {
  const build = (r: Region): Node => {
    const children = regions.filter((c) => c.parent === r.code).sort((a, b) => a.code.localeCompare(b.code)).map(build);
    return children.length ? { value: r.code, title: r.name, children } : { value: r.code, title: r.name };
  };
  const top = regions.find((r) => r.code === root);
  return top ? [build(top)] : [];
}
