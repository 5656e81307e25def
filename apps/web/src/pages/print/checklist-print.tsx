import { useMe } from '../../auth/auth-hooks';
import { businessToday, formatDate } from '../../lib/format';
import { useChecklist } from '../inspector/inspector-hooks';
import { PrintSheet } from './print-sheet';
import { chineseDate } from './print-format';
import { useRegistryLabels } from '../registry/registry-hooks';

/** The inspector's checklist for the day on A4: one row per open case, with room to write what was found. */
export function ChecklistPrint() {
  const labels = useRegistryLabels();
  const me = useMe().data!;
  const q = useChecklist({ page: 1, pageSize: 500 });
  const today = businessToday();
  const items = q.data?.items ?? [];
  return (
    <PrintSheet loading={q.isLoading} error={q.error} back="/inspector">
      <article data-testid="checklist-print">
        <h1>劳动保障检查清单</h1>
        <p className="doc-number">
          检查人员：{items[0]?.assigneeName ?? me.username}
          {'\u3000'}日期：{chineseDate(today)}
          {'\u3000'}共 {q.data?.total ?? 0} 件
        </p>
        <table className="print-table">
          <thead>
            <tr>
              <th>序号</th>
              <th>用人单位</th>
              <th>地址</th>
              <th>未参保</th>
              <th>期限</th>
              <th>走访记录</th>
              <th className="blank">检查情况</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => (
              <tr key={c.id}>
                <td>{i + 1}</td>
                <td>
                  {c.employerName}
                  <br />
                  {c.uscc}
                  {c.legalRepresentative ? (
                    <>
                      <br />
                      法定代表人 {c.legalRepresentative}
                    </>
                  ) : null}
                </td>
                <td>
                  {c.address ?? '未登记'}
                  <br />
                  {[c.districtName, c.townName].filter(Boolean).join(' ')}
                </td>
                <td>{c.uninsuredCount} 人</td>
                <td>
                  {c.dueDate}
                  {c.rectificationDeadline ? '（改正期限）' : ''}
                </td>
                <td>
                  {c.visits.slice(0, 3).map((v) => (
                    <div key={String(v.visitedAt)}>
                      {formatDate(v.visitedAt)} {labels.method.label(v.method)} {labels.status.label(v.outcome)}
                    </div>
                  ))}
                  {c.visits.length > 3 ? `共 ${c.visits.length} 次` : c.visits.length ? null : '无'}
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </PrintSheet>
  );
}
