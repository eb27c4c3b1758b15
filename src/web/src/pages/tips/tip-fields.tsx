// The fields a tip has, shared by the public form and the staff's hotline entry.

import { Form, Input, Radio, Select } from 'antd';
import { RegionSelect } from '../../components/region-select.js';
import { TIP_CATEGORIES } from './tips-api.js';

export function TipFields() {
  return (
    <>
      <Form.Item name="category" label="举报类别" rules={[{ required: true, message: '请选择举报类别' }]}>
        <Select placeholder="请选择" options={TIP_CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="anonymous" label="举报方式" initialValue={true}>
        <Radio.Group
          options={[
            { value: true, label: '匿名举报' },
            { value: false, label: '实名举报' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.anonymous !== b.anonymous}>
        {({ getFieldValue }) =>
          getFieldValue('anonymous') === false && (
            <>
              <Form.Item name="reporterName" label="举报人姓名" rules={[{ required: true, whitespace: true, message: '实名举报请填写姓名' }]}>
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
              <Form.Item name="reporterPhone" label="联系电话" rules={[{ required: true, whitespace: true, message: '实名举报请填写联系电话' }]}>
                <Input maxLength={20} inputMode="tel" autoComplete="tel" />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      <Form.Item name="region" label="所在地区" extra="问题发生地的市州或区县；不清楚可不选，将按被举报对象所在地办理">
        <RegionSelect value="" onChange={() => undefined} />
      </Form.Item>
      <Form.Item name="subjectCertNo" label="证书编号">
        <Input maxLength={64} placeholder="如 川建安B(2021)1052428" />
      </Form.Item>
      <Form.Item name="subjectPersonName" label="被举报人姓名">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="subjectIdNo" label="被举报人身份证号">
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="subjectEnterprise" label="被举报单位名称">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="subjectUscc" label="统一社会信用代码">
        <Input maxLength={18} />
      </Form.Item>
      <Form.Item name="subjectUrl" label="网址" extra="举报假冒网站、虚假广告时填写">
        <Input maxLength={500} placeholder="https://" />
      </Form.Item>
      <Form.Item name="description" label="举报内容" rules={[{ required: true, whitespace: true, message: '请填写举报内容' }, { min: 10, message: '请至少写 10 个字，说明时间、地点和经过' }]}>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="时间、地点、人员、经过，以及您掌握的证据" />
      </Form.Item>
    </>
  );
}

/** Drop empty strings so the server sees only what was filled in. */
export function cleanForm<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as T;
}
