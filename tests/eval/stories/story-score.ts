/**
 * Scores a clustering against labelled stories: B-cubed precision, recall and F1 (per article: the
 * share of its predicted cluster that is its true story, and the share of its true story that is in
 * its predicted cluster, averaged over articles), and every pair of different true stories merged.
 */
export interface Labelled {
  id: string;
  gold: string;
  predicted: string;
}

export interface StoryScores {
  articles: number;
  stories: number;
  clusters: number;
  precision: number;
  recall: number;
  f1: number;
  /** Different true stories that share a predicted cluster, as "a + b". */
  merged: string[];
  /** True stories split over several predicted clusters, with the number of pieces. */
  split: { story: string; pieces: number }[];
}

function groupBy(items: readonly Labelled[], key: (l: Labelled) => string): Map<string, Labelled[]> {
  const groups = new Map<string, Labelled[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function scoreStories(items: readonly Labelled[]): StoryScores {
  const byGold = groupBy(items, (l) => l.gold);
  const byPredicted = groupBy(items, (l) => l.predicted);
  let precision = 0;
  let recall = 0;
  for (const item of items) {
    const cluster = byPredicted.get(item.predicted)!;
    const story = byGold.get(item.gold)!;
    const both = cluster.filter((c) => c.gold === item.gold).length;
    precision += both / cluster.length;
    recall += both / story.length;
  }
  const n = items.length || 1;
  const p = precision / n;
  const r = recall / n;
  const merged = [...byPredicted.values()].flatMap((cluster) => {
    const golds = [...new Set(cluster.map((c) => c.gold))].sort();
    return golds.flatMap((a, i) => golds.slice(i + 1).map((b) => `${a} + ${b}`));
  });
  const split = [...byGold.entries()]
    .map(([story, members]) => ({ story, pieces: new Set(members.map((m) => m.predicted)).size }))
    .filter((s) => s.pieces > 1);
  return {
    articles: items.length,
    stories: byGold.size,
    clusters: byPredicted.size,
    precision: p,
    recall: r,
    f1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
    merged,
    split,
  };
}
