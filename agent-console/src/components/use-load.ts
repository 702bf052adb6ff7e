import { useCallback, useEffect, useRef, useState } from 'react';

/** Loads once on mount and again on reload(); keeps the last error to show. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest loader, so an inline arrow from the caller does not reload on every render.
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    try {
      setData(await loader.current());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, error, reload, setError };
}
