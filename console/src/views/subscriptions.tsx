/** Subscriptions: who gets alerts about what, how often; create and delete. */
import { del, get } from '../api';
import { useAction } from '../ui/action';
import { ConfirmButton } from '../ui/confirm-button';
import { FormError } from '../ui/form-error';
import { Loaded } from '../ui/loaded';
import { Empty } from '../ui/states';
import { Tags } from '../ui/tags';
import { useData } from '../ui/use-data';
import type { Page, Subscription } from '../types';
import { SubscriptionForm } from './subscription-form';

function SubscriptionTable({ items, onDelete, busy }: { items: Subscription[]; onDelete(id: string): void; busy: boolean }) {
  return (
    <table>
      <caption class="visually-hidden">Subscriptions</caption>
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          <th scope="col">Follows</th>
          <th scope="col">Delivery</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id} data-subscription-id={s.id}>
            <td>
              <span class="meta">{s.protocol}</span> {s.endpoint}
            </td>
            <td>
              {/* Following nothing means following every alert (docs/api.md). */}
              {s.people.length + s.topics.length === 0 ? (
                <span class="meta">everything</span>
              ) : (
                <Tags people={s.people} topics={s.topics} />
              )}
              {s.minScore !== undefined && <span class="meta">topics at score ≥ {s.minScore}</span>}
            </td>
            <td>{s.delivery ?? 'article'}</td>
            <td>{s.status}</td>
            <td>
              <ConfirmButton
                label="Delete"
                confirmLabel={`Delete ${s.protocol} subscription`}
                disabled={busy}
                onConfirm={() => onDelete(s.id)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SubscriptionsView() {
  const state = useData(() => get<Page<Subscription>>('/subscriptions'), []);
  const { busy, error, run } = useAction();
  const remove = (id: string) => void run(() => del(`/subscriptions/${encodeURIComponent(id)}`)).then(state.reload);
  return (
    <section aria-labelledby="subscriptions-heading">
      <h1 id="subscriptions-heading">Subscriptions</h1>
      <FormError error={error} feature="Subscriptions" />
      <Loaded state={state} what="subscriptions" feature="Subscriptions">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              No subscriptions yet: nobody is alerted. Create one below to send alerts to an e-mail address, a phone, a web hook or a queue.
            </Empty>
          ) : (
            <SubscriptionTable items={page.items} onDelete={remove} busy={busy} />
          )
        }
      </Loaded>
      <SubscriptionForm onCreated={state.reload} />
    </section>
  );
}
