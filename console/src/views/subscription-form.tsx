/** Create a subscription: where alerts go, what it follows, and how often (delivery mode). */
import { useState } from 'preact/hooks';
import { post } from '../api';
import { useAction } from '../ui/action';
import { Checklist } from '../ui/checklist';
import { FormActions } from '../ui/form-actions';
import { FormError } from '../ui/form-error';
import { useSession } from '../ui/session-context';

const PROTOCOLS = ['email', 'sms', 'https', 'sqs', 'lambda'] as const;
const ENDPOINT_HINTS: Record<string, string> = {
  email: 'name@example.org',
  sms: '+15555550100',
  https: 'https://example.org/hook',
  sqs: 'arn:aws:sqs:us-east-1:000000000000:my-alerts',
  lambda: 'arn:aws:lambda:us-east-1:123456789012:function:my-fn',
};
export const DELIVERIES = [
  { value: 'article', label: 'article — one alert per matching article' },
  { value: 'story', label: 'story — one alert when a story first matches (and when it gains someone followed)' },
  { value: 'hourly', label: 'hourly digest' },
  { value: 'daily', label: 'daily digest' },
];

export function SubscriptionForm({ onCreated }: { onCreated(): void }) {
  const { watchlist } = useSession();
  const [protocol, setProtocol] = useState<string>('sqs');
  const [endpoint, setEndpoint] = useState('');
  const [people, setPeople] = useState<string[]>([]);
  const [topics, setTopics] = useState<string[]>([]);
  const [delivery, setDelivery] = useState('article');
  const [minScore, setMinScore] = useState('');
  const { busy, error, run, clear } = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      protocol,
      endpoint,
      people,
      topics,
      // The default is left out, so servers without delivery modes accept the request too.
      ...(delivery !== 'article' && { delivery }),
      ...(minScore !== '' && { minScore: Number(minScore) }),
    };
    if (await run(() => post('/subscriptions', body))) {
      // Delivery and minimum score start from the defaults again, not from this one's choices (the protocol stays).
      setEndpoint('');
      setPeople([]);
      setTopics([]);
      setDelivery('article');
      setMinScore('');
      onCreated();
    }
  };

  return (
    <form class="panel" onSubmit={submit} onInvalidCapture={clear} aria-label="Create a subscription">
      <h2>Create a subscription</h2>
      <label for="sub-protocol">Protocol</label>
      <select id="sub-protocol" value={protocol} onChange={(e) => setProtocol(e.currentTarget.value)}>
        {PROTOCOLS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <label for="sub-endpoint">Endpoint</label>
      <input
        id="sub-endpoint"
        required
        value={endpoint}
        placeholder={ENDPOINT_HINTS[protocol]}
        onInput={(e) => setEndpoint(e.currentTarget.value)}
      />
      <Checklist
        legend="People to follow"
        options={watchlist.people.map((p) => ({ id: p.id, label: p.name }))}
        value={people}
        onChange={setPeople}
      />
      <Checklist
        legend="Topics to follow"
        options={watchlist.topics.map((t) => ({ id: t.id, label: t.id }))}
        value={topics}
        onChange={setTopics}
      />
      <label for="sub-delivery">Delivery</label>
      <select id="sub-delivery" value={delivery} onChange={(e) => setDelivery(e.currentTarget.value)}>
        {DELIVERIES.map((d) => (
          <option key={d.value} value={d.value}>
            {d.label}
          </option>
        ))}
      </select>
      <label for="sub-min-score">Minimum topic score (0–1, optional)</label>
      <input
        id="sub-min-score"
        type="number"
        min="0"
        max="1"
        step="any"
        value={minScore}
        onInput={(e) => setMinScore(e.currentTarget.value)}
      />
      <FormError error={error} feature="Delivery modes" />
      <FormActions submit={'Create subscription'} busy={busy} />
    </form>
  );
}
