/** Add or edit a topic: a built-in one by id, or a full definition as JSON (docs/tagging.md), with exclude phrases. */
import { useState } from 'preact/hooks';
import { useFocusFirstField } from '../ui/focus';
import { get, put } from '../api';
import { useAction } from '../ui/action';
import { FormActions } from '../ui/form-actions';
import { FormError } from '../ui/form-error';
import { lines } from '../ui/format';
import type { TopicEntry, Watchlist } from '../types';
import { saveConflict } from '../watchlist-conflict';
import { SLUG_PATTERN } from './person-form';

type Topic = TopicEntry & { exclude?: string[] };

function definitionText(topic?: Topic): string {
  if (!topic) return '';
  const { id: _id, exclude: _exclude, ...rest } = topic;
  return Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '';
}

export function TopicForm({ topic, onSaved, onStale, onCancel }: { topic?: Topic; onSaved(): void; onStale(): void; onCancel?(): void }) {
  const [id, setId] = useState(topic?.id ?? '');
  const [definition, setDefinition] = useState(definitionText(topic));
  const [exclude, setExclude] = useState((topic?.exclude ?? []).join('\n'));
  // The entry as this form opened with it: a reload of the watchlist (after a refused save, say) changes `topic`, but
  // not the fields shown, so a second Save must still be checked against what the user started from.
  const [opened] = useState(topic);
  const { busy, error, run, clear } = useAction();
  const form = useFocusFirstField(topic !== undefined);
  const prefix = topic ? `edit-topic-${topic.id}` : 'new-topic';

  const submit = async (e: Event) => {
    e.preventDefault();
    const saved = await run(async () => {
      let body: Record<string, unknown> = {};
      if (definition.trim()) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(definition);
        } catch (err) {
          throw new Error(`The definition is not valid JSON: ${(err as Error).message}`);
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('The definition must be a JSON object ({ … }), or empty for a built-in topic.');
        body = parsed as Record<string, unknown>;
      }
      if (lines(exclude).length > 0) body.exclude = lines(exclude);
      const conflict = saveConflict('topic', id, opened, await get<Watchlist>('/watchlist'));
      if (conflict) {
        onStale();
        throw new Error(conflict);
      }
      await put(`/watchlist/topics/${encodeURIComponent(id)}`, body);
    });
    if (saved) {
      if (!topic) for (const set of [setId, setDefinition, setExclude]) set('');
      onSaved();
    }
  };

  return (
    <form ref={form} class="panel" onSubmit={submit} onInvalidCapture={clear} aria-label={topic ? `Edit topic ${topic.id}` : 'Add a topic'}>
      <h3>{topic ? `Edit topic ${topic.id}` : 'Add a topic'}</h3>
      <label for={`${prefix}-id`}>Topic id (a built-in one such as prisoner-exchange, or your own)</label>
      <input
        id={`${prefix}-id`}
        required
        pattern={SLUG_PATTERN}
        value={id}
        readOnly={!!topic}
        onInput={(e) => setId(e.currentTarget.value)}
      />
      <label for={`${prefix}-definition`}>Definition as JSON (empty for a built-in topic)</label>
      <textarea id={`${prefix}-definition`} rows={4} value={definition} onInput={(e) => setDefinition(e.currentTarget.value)} />
      <label for={`${prefix}-exclude`}>Exclude phrases (one a line; evidence in a sentence holding one does not count)</label>
      <textarea id={`${prefix}-exclude`} rows={2} value={exclude} onInput={(e) => setExclude(e.currentTarget.value)} />
      <FormError error={error} feature="Editing the watchlist" />
      <FormActions submit={topic ? 'Save topic' : 'Add topic'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
