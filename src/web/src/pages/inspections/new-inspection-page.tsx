// 登记检查 (phone-sized): a site inspection or an inspection of a training/exam institution.

import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Segmented, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { RegionSelect } from '../../components/region-select.js';
import { FieldLayout } from './field-layout.js';
import { inspectionsApi, type NewInspection } from './inspections-api.js';

type Values = Omit<NewInspection, 'date' | 'inspectors' | 'kind'> & { date: Dayjs; inspectors: string };

export function NewInspectionPage() {
  const [kind, setKind] = useState<'site' | 'institution'>('site');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await inspectionsApi.create({
        ...v,
        kind,
        date: v.date.format('YYYY-MM-DD'),
        inspectors: v.inspectors.split(/[、,，\s]+/).filter(Boolean),
      });
      navigate(`/console/field/inspections/${created.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <FieldLayout title="登记检查" back="/console/inspections">
      <Card>
        <Segmented<'site' | 'institution'>
          block
          value={kind}
          onChange={setKind}
          options={[
            { value: 'site', label: '施工现场' },
            { value: 'institution', label: '培训考核机构' },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Form<Values> name="new-inspection" layout="vertical" onFinish={submit} initialValues={{ date: dayjs() }}>
          <Form.Item name="region" label="检查地区" rules={[{ required: true, message: '请选择项目或机构所在区县' }]}>
            <RegionSelect value="" onChange={() => undefined} />
          </Form.Item>
          <Form.Item name="date" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item name="inspectors" label="检查人员" extra="多人用顿号分隔" rules={[{ required: true, whitespace: true, message: '请填写检查人员' }]}>
            <Input />
          </Form.Item>
          {kind === 'site' ? (
            <>
              <Form.Item name="projectName" label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="projectNo" label="项目编号">
                <Input />
              </Form.Item>
              <Form.Item name="orgName" label="施工企业名称">
                <Input />
              </Form.Item>
              <Form.Item name="orgUscc" label="施工企业统一社会信用代码">
                <Input maxLength={18} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="orgName" label="机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="orgUscc" label="机构统一社会信用代码">
                <Input maxLength={18} />
              </Form.Item>
              <Form.Item name="videoReviewed" label="已抽查培训考试视频" valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="videoNotes" label="视频抽查情况">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="callsMade" label="电话回访学员人数">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="callsConfirmed" label="回访核实参训人数">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="filesChecked" label="抽查档案份数">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="fileProblems" label="有问题的档案份数">
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="findings" label="检查发现的问题">
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="openClue" valuePropName="checked">
                <Checkbox>发现问题，对该机构生成线索</Checkbox>
              </Form.Item>
            </>
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {kind === 'site' ? '开始现场核验' : '保存检查记录'}
          </Button>
        </Form>
      </Card>
    </FieldLayout>
  );
}
