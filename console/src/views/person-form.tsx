/** Add or edit a person: id (fixed once created), name, aliases and exclude phrases, one a line. */
import { useState } from 'preact/hooks';
import { useFocusFirstField } from '../ui/focus';
import { get, put } from '../api';
import { useAction } from '../ui/action';
import { FormActions } from '../ui/form-actions';
import { FormError } from '../ui/form-error';
import { lines } from '../ui/format';
import type { PersonEntry, Watchlist } from '../types';
import { saveConflict } from '../watchlist-conflict';

type Person = PersonEntry & { exclude?: string[] };

export const SLUG_PATTERN = '[a-z0-9][a-z0-9\\-]{0,63}';

export function PersonForm({
  person,
  onSaved,
  onStale,
  onCancel,
}: {
  person?: Person;
  onSaved(): void;
  onStale(): void;
  onCancel?(): void;
}) {
  const [id, setId] = useState(person?.id ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [aliases, setAliases] = useState((person?.aliases ?? []).join('\n'));
  const [exclude, setExclude] = useState((person?.exclude ?? []).join('\n'));
  // The entry as this form opened with it: a reload of the watchlist (after a refused save, say) changes `person`, but
  // not the fields shown, so a second Save must still be checked against what the user started from.
  const [opened] = useState(person);
  const { busy, error, run, clear } = useAction();
  const form = useFocusFirstField(person !== undefined);
  const prefix = person ? `edit-${person.id}` : 'new-person';

  const submit = async (e: Event) => {
    e.preventDefault();
    // Fields the user did not set are kept as they were (surname rules edited through the API or CLI).
    const { id: _id, aliases: _a, exclude: _e, ...kept } = person ?? ({} as Partial<Person>);
    const body = { ...kept, name, aliases: lines(aliases), ...(lines(exclude).length > 0 && { exclude: lines(exclude) }) };
    const saved = await run(async () => {
      const conflict = saveConflict('person', id, opened, await get<Watchlist>('/watchlist'));
      if (conflict) {
        onStale();
        throw new Error(conflict);
      }
      await put(`/watchlist/people/${encodeURIComponent(id)}`, body);
    });
    if (saved) {
      if (!person) for (const set of [setId, setName, setAliases, setExclude]) set('');
      onSaved();
    }
  };

  return (
    <form ref={form} class="panel" onSubmit={submit} onInvalidCapture={clear} aria-label={person ? `Edit ${person.name}` : 'Add a person'}>
      <h3>{person ? `Edit ${person.name}` : 'Add a person'}</h3>
      <label for={`${prefix}-id`}>Id (lowercase letters, digits and "-")</label>
      <input
        id={`${prefix}-id`}
        required
        pattern={SLUG_PATTERN}
        value={id}
        readOnly={!!person}
        onInput={(e) => setId(e.currentTarget.value)}
      />
      <label for={`${prefix}-name`}>Name</label>
      <input id={`${prefix}-name`} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for={`${prefix}-aliases`}>Aliases (one a line)</label>
      <textarea id={`${prefix}-aliases`} rows={3} value={aliases} onInput={(e) => setAliases(e.currentTarget.value)} />
      <label for={`${prefix}-exclude`}>Exclude phrases (one a line; a mention inside one does not count)</label>
      <textarea id={`${prefix}-exclude`} rows={2} value={exclude} onInput={(e) => setExclude(e.currentTarget.value)} />
      <FormError error={error} feature="Editing the watchlist" />
      <FormActions submit={person ? 'Save person' : 'Add person'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
