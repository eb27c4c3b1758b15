import { WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';

/** Marks an ID number whose birth date or check character fails GB 11643-1999. */
export function IdWarning() {
  return (
    <Tooltip title="出生日期或校验码不符合 GB 11643-1999，可能是伪造或录入错误的身份证号">
      <Tag color="warning" icon={<WarningOutlined />} className="id-warning">
        身份证号校验不通过
      </Tag>
    </Tooltip>
  );
}
