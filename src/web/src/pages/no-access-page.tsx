import { Result } from 'antd';
import { LinkButton } from '../components/link-button.js';

/** A console page the account's role may not use (the menu does not offer it; a typed address lands here). */
export function NoAccessPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="当前账号的角色不能使用此功能。如需使用，请联系本辖区的管理员。"
      extra={
        <LinkButton to="/console" type="primary">
          返回概览
        </LinkButton>
      }
    />
  );
}
