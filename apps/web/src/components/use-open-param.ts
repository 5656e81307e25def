import { useSearchParams } from 'react-router';

/** The record a drawer shows, kept in the URL (?settlement=12) beside the list's paging, so a reload reopens it. */
export function useOpenParam(name: string): [number | undefined, (id: number | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get(name));
  const set = (id: number | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id === undefined) next.delete(name);
        else next.set(name, String(id));
        return next;
      },
      { replace: true },
    );
  return [Number.isInteger(raw) && raw > 0 ? raw : undefined, set];
}
