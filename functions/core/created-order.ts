/** Records in the order they were made (`createdAt`, ISO-8601 text), ties by id: the table returns them by id, which is random. */
export function inCreatedOrder<T extends { createdAt: string; id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt.localeCompare(b.createdAt)));
}
