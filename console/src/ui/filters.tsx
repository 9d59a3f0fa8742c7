/** Person, topic and title filters shared by the stories and articles views (person and topic by the sent alerts too). */
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

interface IdOption {
  id: string;
  label: string;
}

/** A labelled choice of one id, or "" for all of them (the first option, named by `all`). */
function IdSelect(props: { label: string; all: string; options: readonly IdOption[]; value: string; onChange(id: string): void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A person on the watchlist, or "" for everyone: the person filter of every list view. */
export function PersonSelect({ value, onChange }: { value: string; onChange(person: string): void }) {
  const { watchlist } = useSession();
  const people = watchlist.people.map((p) => ({ id: p.id, label: p.name }));
  return <IdSelect label="Person" all="everyone" options={people} value={value} onChange={onChange} />;
}

/** A topic on the watchlist, or "" for every topic. */
export function TopicSelect({ value, onChange }: { value: string; onChange(topic: string): void }) {
  const { watchlist } = useSession();
  const topics = watchlist.topics.map((t) => ({ id: t.id, label: t.id }));
  return <IdSelect label="Topic" all="every topic" options={topics} value={value} onChange={onChange} />;
}

export function FilterBar({ value, onChange }: { value: Filters; onChange(next: Filters): void }) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <PersonSelect value={value.person ?? ''} onChange={(person) => set({ person: person || undefined })} />
      <TopicSelect value={value.topic ?? ''} onChange={(topic) => set({ topic: topic || undefined })} />
      <label>
        Title contains
        <input type="search" value={value.search} onInput={(e) => set({ search: e.currentTarget.value })} />
      </label>
    </form>
  );
}
