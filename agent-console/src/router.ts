// A tiny history router: the console has a handful of paths, and deep links must survive a reload.
import { useEffect, useState } from 'react';

export function navigate(path: string): void {
  if (location.pathname + location.search === path) return;
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    addEventListener('popstate', on);
    // A child's effect may have moved the address before this listener was there (effects run children
    // first): read it once now.
    on();
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}
