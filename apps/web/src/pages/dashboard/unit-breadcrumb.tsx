import { Breadcrumb, Typography } from 'antd';
import { useUnit } from '../../auth/auth-hooks';

function UnitName({ id }: { id: number }) {
  return <>{useUnit(id).data?.name ?? '…'}</>;
}

/** The units from the caller's own unit down to the one shown; each but the last goes back up to it. */
export function UnitBreadcrumb({ rootId, unitId, onPick }: { rootId: number; unitId: number; onPick: (id: number) => void }) {
  const unit = useUnit(unitId).data;
  const ids = (unit?.path ?? `/${unitId}/`).split('/').filter(Boolean).map(Number);
  const from = ids.indexOf(rootId);
  const trail = from >= 0 ? ids.slice(from) : [unitId];
  return (
    <Breadcrumb
      data-testid="unit-trail"
      items={trail.map((id, i) => ({
        key: id,
        title:
          i === trail.length - 1 ? (
            <Typography.Text strong>
              <UnitName id={id} />
            </Typography.Text>
          ) : (
            <Typography.Link onClick={() => onPick(id)}>
              <UnitName id={id} />
            </Typography.Link>
          ),
      }))}
    />
  );
}
