import {
  Alert,
  Button,
  Checkbox,
  Collapse,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, type ScreeningParams, type ScreeningRun } from '../../api.js';
import { useRemote } from '../../lib/use-remote.js';
import { useReportError } from '../../lib/use-report-error.js';
import { PARAM_GROUPS } from './screening-labels.js';

/** Parameters flattened to `key` / `minTrainingHours.TZ` → number, as the form edits them. */
type FlatParams = Record<string, number | null>;

function flatten(params: ScreeningParams): FlatParams {
  const out: FlatParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'number') out[key] = value;
    else for (const [sub, n] of Object.entries(value)) out[`${key}.${sub}`] = n;
  }
  return out;
}

/** Only the values that differ from the defaults are sent; the server fills in the rest. */
function changedParams(values: FlatParams, defaults: FlatParams): ScreeningParams | undefined {
  const out: ScreeningParams = {};
  for (const [path, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === defaults[path]) continue;
    const [key, sub] = path.split('.') as [string, string | undefined];
    if (sub === undefined) out[key] = value;
    else out[key] = { ...((out[key] as Record<string, number> | undefined) ?? {}), [sub]: value };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface FormValues {
  asOf: Dayjs | null;
  rules: string[];
  params: FlatParams;
}

/** 发起筛查: evaluation date, which of the 14 rules, and (optionally) their thresholds. */
export function StartRunModal({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose: () => void;
  onStarted: (run: ScreeningRun) => void;
}) {
  return (
    <Modal open={open} title="发起筛查" width={780} footer={null} onCancel={onClose} destroyOnHidden>
      {open && <StartRunForm onClose={onClose} onStarted={onStarted} />}
    </Modal>
  );
}

/** Mounted afresh each time the dialog opens: today, all rules, the default thresholds. */
function StartRunForm({ onClose, onStarted }: { onClose: () => void; onStarted: (run: ScreeningRun) => void }) {
  const reportError = useReportError();
  const meta = useRemote(() => api.screeningRules(), []);
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const rules = useMemo(() => meta.data?.rules ?? [], [meta.data]);
  const defaults = useMemo(() => (meta.data ? flatten(meta.data.params) : {}), [meta.data]);
  const chosen: string[] = Form.useWatch('rules', form) ?? [];

  if (!meta.data) {
    return meta.error ? (
      <Alert type="error" showIcon message="无法读取筛查规则，请稍后重试" />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  }

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    try {
      const { run } = await api.startScreening({
        asOf: values.asOf ? values.asOf.format('YYYY-MM-DD') : undefined,
        rules: values.rules,
        params: changedParams(values.params ?? {}, defaults),
      });
      onStarted(run);
    } catch (err) {
      reportError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const allChosen = chosen.length === rules.length;
  const ruleName = (id: string) => rules.find((r) => r.id === id)?.name ?? id;

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      className="start-run-form"
      initialValues={{ asOf: dayjs(), rules: rules.map((r) => r.id), params: defaults }}
      onFinish={submit}
    >
      <Form.Item
        name="asOf"
        label="评估日期"
        extra="按该日期判断证书是否有效、人员是否在岗，社保按该日期所在月之前的月份回看"
        rules={[{ required: true, message: '请选择评估日期' }]}
      >
        <DatePicker allowClear={false} style={{ width: 200 }} aria-label="评估日期" />
      </Form.Item>
      <Form.Item
        label={
          <Space size={12}>
            筛查规则
            <Checkbox
              checked={allChosen}
              indeterminate={chosen.length > 0 && !allChosen}
              onChange={(e) => form.setFieldValue('rules', e.target.checked ? rules.map((r) => r.id) : [])}
            >
              全选
            </Checkbox>
            <Typography.Text type="secondary" className="small">
              已选 {chosen.length}/{rules.length} 条
            </Typography.Text>
          </Space>
        }
        name="rules"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一条规则' }]}
      >
        <Checkbox.Group className="rule-checkboxes">
          {rules.map((r) => (
            <Tooltip key={r.id} title={r.description} placement="topLeft" mouseEnterDelay={0.4}>
              <Checkbox value={r.id}>
                <span className="rule-code">{r.id}</span> {r.name}
              </Checkbox>
            </Tooltip>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Collapse
        size="small"
        items={[
          {
            key: 'params',
            label: '规则参数（可选，默认值按《数据交换规范》）',
            forceRender: true,
            children: (
              <div className="param-groups">
                {PARAM_GROUPS.map((group) => {
                  const off = !chosen.includes(group.rule);
                  return (
                    <fieldset key={group.rule} className={`param-group ${off ? 'param-group-off' : ''}`}>
                      <legend>
                        <span className="rule-code">{group.rule}</span> {ruleName(group.rule)}
                      </legend>
                      {group.fields.map((f) => (
                        <Form.Item
                          key={f.key}
                          name={['params', f.key]}
                          label={f.label}
                          className="param-item"
                          rules={[{ required: true, message: '请填写' }]}
                        >
                          <InputNumber
                            min={0}
                            step={f.step ?? 1}
                            addonAfter={f.unit}
                            disabled={off}
                            style={{ width: 150 }}
                            aria-label={f.label}
                          />
                        </Form.Item>
                      ))}
                    </fieldset>
                  );
                })}
              </div>
            ),
          },
        ]}
      />
      <div className="modal-actions">
        <Button onClick={onClose}>取消</Button>
        {/* Not a submit button: Enter in the date field confirms the date rather than starting a run. */}
        <Button type="primary" onClick={() => form.submit()} loading={submitting} data-testid="start-screening-submit">
          开始筛查
        </Button>
      </div>
    </Form>
  );
}
