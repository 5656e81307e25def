// Even spreading of cases over inspectors.

/**
 * Assigns each case in turn to the least loaded inspector (ties to the lower user id), starting from the
 * open loads they carry; answers the plan and the loads after it. `loads` holds every inspector.
 */
export function leastLoadedPlan(
  caseIds: number[],
  loads: Map<number, number>,
): { plan: { caseId: number; inspectorId: number }[]; loads: Map<number, number> } {
  const load = new Map(loads);
  const plan = caseIds.map((caseId) => {
    const [inspectorId] = [...load.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0])[0];
    load.set(inspectorId, load.get(inspectorId)! + 1);
    return { caseId, inspectorId };
  });
  return { plan, loads: load };
}
