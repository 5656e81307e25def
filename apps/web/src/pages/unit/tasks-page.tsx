import { Card } from 'antd';
import { Route, Routes } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { MyTasksTable } from './my-tasks-table';
import { TaskDetailPage } from './task-detail';

/** /tasks: my unit's tasks; /tasks/:id: one task and its split (/tasks/:id/split, the campaign page's link, is the same page). */
export function TasksPage() {
  const me = useMe().data!;
  return (
    <Routes>
      <Route
        index
        element={
          <Card title="本单位任务">
            <MyTasksTable unitId={me.orgUnitId} />
          </Card>
        }
      />
      <Route path=":id" element={<TaskDetailPage />} />
      <Route path=":id/split" element={<TaskDetailPage />} />
    </Routes>
  );
}
