import { useCallback, useEffect, useRef, useState } from 'react';
import { problemOf } from './api';
import type { Problem } from './problems';

/** The current time, advancing every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  /** When the data last arrived. */
  loadedAt: Date | undefined;
  reload(): void;
}

export interface LoadOptions {
  /** Load again in the background every so often. */
  pollMs?: number;
  /** Keep showing the previous answer while a new key loads (a list growing by a page). */
  keepPrevious?: boolean;
}

/**
 * Loads `fetcher` when `key` changes and, with `pollMs`, again in the background. A poll
 * replaces the data in place and keeps the last good answer on error, so the user keeps
 * their place in the list.
 */
export function useLoad<T>(fetcher: () => Promise<T>, key: string, { pollMs, keepPrevious }: LoadOptions = {}): Loaded<T> {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<Problem>();
  const [loading, setLoading] = useState(true);
  const [loadedAt, setLoadedAt] = useState<Date>();
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const generation = useRef(0);

  const run = useCallback((background: boolean) => {
    const mine = ++generation.current;
    if (!background) setLoading(true);
    fetcherRef.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setLoadedAt(new Date());
        setProblem(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setProblem(problemOf(err));
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    if (!keepPrevious) setData(undefined);
    run(false);
    if (!pollMs) return;
    const id = setInterval(() => {
      if (document.visibilityState !== 'hidden') run(true);
    }, pollMs);
    return () => clearInterval(id);
  }, [key, pollMs, keepPrevious, run]);

  return { data, problem, loading, loadedAt, reload: useCallback(() => run(true), [run]) };
}
