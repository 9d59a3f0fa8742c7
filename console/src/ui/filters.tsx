/** Person, topic and title filters shared by the stories and articles views (the person one by the sent alerts too). */
import { useState } from 'preact/hooks';
import type { Filter } from '../latest';
import { useSession } from './session-context';

export interface Filters extends Filter {
  search: string;
}

export const useFilters = () => useState<Filters>({ search: '' });

export function matchesSearch(title: string | undefined, search: string): boolean {
  const wanted = search.trim().toLocaleLowerCase();
  return !wanted || (title ?? '').toLocaleLowerCase().includes(wanted);
}

/** A person on the watchlist, or "" for everyone: the person filter of every list view. */
export function PersonSelect({ value, onChange }: { value: string; onChange(person: string): void }) {
  const { watchlist } = useSession();
  return (
    <label>
      Person
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">everyone</option>
        {watchlist.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterBar({ value, onChange }: { value: Filters; onChange(next: Filters): void }) {
  const { watchlist } = useSession();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <PersonSelect value={value.person ?? ''} onChange={(person) => set({ person: person || undefined })} />
      <label>
        Topic
        <select value={value.topic ?? ''} onChange={(e) => set({ topic: e.currentTarget.value || undefined })}>
          <option value="">every topic</option>
          {watchlist.topics.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title contains
        <input type="search" value={value.search} onInput={(e) => set({ search: e.currentTarget.value })} />
      </label>
    </form>
  );
}
