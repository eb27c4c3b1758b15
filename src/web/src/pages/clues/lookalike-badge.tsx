// The 疑似仿冒 tag of a clue whose report carries a website look-alike verdict; the reason on hover.

import { Tag, Tooltip } from 'antd';
import type { LookalikeTag } from '../../../../server/clues/clue-labels.js';

export function LookalikeBadge({ tag }: { tag: LookalikeTag | null | undefined }) {
  if (!tag) return null;
  return (
    <Tooltip title={tag.reason}>
      <Tag color="red">{tag.label}</Tag>
    </Tooltip>
  );
}
