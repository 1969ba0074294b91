import { Select, type SelectProps } from 'antd';
import { timeZones } from './format';

export function TimeZoneSelect(props: Omit<SelectProps<string>, 'options'>) {
  return (
    <Select<string>
      showSearch
      allowClear
      options={timeZones().map((z) => ({ value: z, label: z }))}
      {...props}
    />
  );
}
