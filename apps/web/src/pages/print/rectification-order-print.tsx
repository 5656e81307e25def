import { useParams } from 'react-router';
import { useCase } from '../inspector/inspector-hooks';
import { PrintSheet } from './print-sheet';
import { chineseDate } from './print-format';

const BLANK = '＿＿＿＿＿＿';

/** 劳动保障监察限期改正指令书 of a case's latest rectification order, for the inspector to print and serve on the employer. */
export function RectificationOrderPrint() {
  const id = Number(useParams().id);
  const q = useCase(id);
  const c = q.data;
  const order = c?.rectificationOrder;
  const missing = c && !order ? new Error('该案件尚未下达限期改正，没有可打印的指令书') : null;
  return (
    <PrintSheet loading={q.isLoading} error={q.error ?? missing} back={`/inspector/cases/${id}`}>
      {c && order && (
        <article data-testid="rectification-order">
          <p className="issuer">{c.departmentName}</p>
          <h1>劳动保障监察限期改正指令书</h1>
          <p className="doc-number">{order.number}</p>
          <p>{c.employerName}：</p>
          <p className="indent">
            统一社会信用代码：{c.uscc}；法定代表人：{c.legalRepresentative ?? BLANK}；地址：{c.address ?? BLANK}。
          </p>
          <p className="indent">
            经查，你单位存在下列违反社会保险法律、法规的行为：未依法为 {c.uninsuredCount} 名职工办理社会保险登记、缴纳社会保险费。
            {order.findings ? `检查情况：${order.findings}。` : ''}
          </p>
          <p className="indent">
            根据《中华人民共和国社会保险法》第五十八条、第八十四条和《劳动保障监察条例》第十八条的规定，现责令你单位于
            <strong> {chineseDate(order.deadline)} </strong>
            前改正上述行为，为未参保职工办理社会保险登记并足额缴纳社会保险费，并将改正情况书面报送我单位。逾期不改正的，将依法作出行政处罚，并移交税务部门依法征收。
          </p>
          <p className="indent">你单位如对本指令不服，可在收到本指令书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。</p>
          <div className="signature">
            <p>检查人员：{order.inspector ?? BLANK}</p>
            <p>{c.departmentName}（盖章）</p>
            <p>{chineseDate(order.issuedOn)}</p>
          </div>
          <div className="receipt">
            <p>本指令书一式两份，一份送达用人单位，一份存档（案件 {c.id}）。</p>
            <p>
              用人单位签收人：{BLANK}
              {'\u3000\u3000'}签收日期：{BLANK}
            </p>
          </div>
        </article>
      )}
    </PrintSheet>
  );
}
