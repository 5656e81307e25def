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
  known,
  onPicked,
  id,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
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
  const found = usePeopleSearch(q);
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
          {found.error && (
            <Typography.Text type="danger" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
              查找用户失败，请稍后重试
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
