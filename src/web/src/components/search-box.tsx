import { Input } from 'antd';
import { useEffect, useState } from 'react';

/** A search input that applies on Enter or the search button, and follows outside resets. */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  width = 270,
}: {
  value: string;
  onSearch: (q: string) => void;
  placeholder: string;
  width?: number;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(q) => onSearch(q.trim())}
      placeholder={placeholder}
      allowClear
      enterButton="查询"
      style={{ width }}
      aria-label={placeholder}
    />
  );
}
