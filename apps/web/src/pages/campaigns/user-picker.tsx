import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { usePeopleSearch, type Person } from './campaigns-hooks';

/**
 * A searchable user select (the value is the user id). `known` holds the people picked so far (their names outlive the search),
 * `onPicked` adds to it.
 */
export function UserPicker({
  value,
  onChange,
  me,
  known,
  onPicked,
  id,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  me: Person;
  known: ReadonlyMap<number, Person>;
  onPicked: (p: Person) => void;
  id?: string;
}) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(typed), 250);
    return () => clearTimeout(t);
  }, [typed]);
  const found = usePeopleSearch(q, me);
  const options = [...found.people];
  const picked = value === undefined ? undefined : known.get(value);
  if (picked && !options.some((p) => p.id === picked.id)) options.unshift(picked);
  return (
    <Select<number>
      id={id}
      showSearch
      allowClear
      value={value}
      placeholder="输入姓名或用户名搜索"
      filterOption={false}
      onSearch={setTyped}
      loading={found.loading}
      onChange={(v) => {
        const p = options.find((o) => o.id === v);
        if (p) onPicked(p);
        onChange?.(v);
      }}
      notFoundContent={found.loading ? '正在查找…' : '没有找到，换个姓名或用户名试试'}
      options={options.map((p) => ({ value: p.id, label: `${p.displayName}（${p.username}）` }))}
      dropdownRender={(menu) => (
        <>
          {menu}
          {found.limited && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
              检索全部用户需要系统管理员权限；这里列出您本人和已有扩面任务的成员
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
