import type { Span, TopicTag } from '../tags';
import type { TopicDefinition } from '../watchlist';
import { hitKeyOk, joined, type FieldScan } from './context';
import type { Mention } from './people';
import { elementsOf, type Vocab } from './vocab';

/** Pseudo-group: a tracked person's mention. */
const PERSON = -2;
/** A rule counts at most this many times (in different sentences), so repetition alone cannot make a topic. */
const MAX_FIRINGS_PER_RULE = 2;
const MAX_EVIDENCE = 10;

interface Phrase {
  group: number; // -1 = an exclusion
  ids: number[];
}

interface Rule {
  all: number[][];
  none: number[];
  weight: number;
  nearby: boolean;
}

interface Occurrence {
  group: number;
  span: Span;
  sent: number;
}

type Firing = { weight: number; rule: number; evidence: Span[] };

/** One topic definition compiled against the shared vocabulary. */
export class TopicMatcher {
  private readonly byFirst = new Map<number, Phrase[]>();
  private readonly rules: Rule[];
  private readonly threshold: number;

  constructor(
    readonly def: TopicDefinition,
    private readonly vocab: Vocab,
  ) {
    const groups = Object.keys(def.terms);
    const groupIndex = (name: string) => (name === '@person' ? PERSON : groups.indexOf(name));
    groups.forEach((name, group) => def.terms[name]!.forEach((term) => this.addPhrase(term, group)));
    (def.exclude ?? []).forEach((term) => this.addPhrase(term, -1));
    this.rules = def.rules.map((r) => ({
      all: r.all.map((alt) => alt.split('|').map(groupIndex)),
      none: (r.none ?? []).map(groupIndex),
      weight: r.weight,
      nearby: r.scope === 'nearby',
    }));
    this.threshold = def.threshold ?? 0.5;
  }

  private addPhrase(term: string, group: number): void {
    const ids = elementsOf(term).map((el) => this.vocab.idOf(el));
    if (ids.length === 0) return;
    const list = this.byFirst.get(ids[0]!);
    if (list) list.push({ group, ids });
    else this.byFirst.set(ids[0]!, [{ group, ids }]);
  }

  /** Term occurrences in one field, minus those an exclusion phrase overlaps. */
  occurrences(f: FieldScan, mentions: readonly Mention[], out: Occurrence[]): void {
    const { hits } = f;
    const found: Occurrence[] = [];
    const excluded: [number, number][] = [];
    for (let j = 0; j < hits.n; j++) {
      if (!this.maybe(hits.id[j]!) || !hitKeyOk(f, this.vocab, j)) continue;
      for (const x of this.vocab.implies[hits.id[j]!]!) {
        for (const p of this.byFirst.get(x) ?? []) {
          if (!joined(f, this.vocab, j, p.ids)) continue;
          const start = hits.start[j]!;
          const end = hits.end[j + p.ids.length - 1]!;
          if (p.group < 0) excluded.push([start, end]);
          else found.push({ group: p.group, sent: hits.sent[j]!, span: { field: f.field, start, end, text: f.text.slice(start, end) } });
        }
      }
    }
    for (const o of found) if (!excluded.some(([s, e]) => o.span.start < e && s < o.span.end)) out.push(o);
    for (const m of mentions) {
      if (m.field === f.field) out.push({ group: PERSON, sent: m.sent, span: { field: m.field, start: m.start, end: m.end, text: f.text.slice(m.start, m.end) } });
    }
  }

  private maybe(id: number): boolean {
    for (const x of this.vocab.implies[id]!) if (this.byFirst.has(x)) return true;
    return false;
  }

  /** Scores the topic from the occurrences of both fields; undefined when below the threshold. */
  score(byField: Occurrence[][]): TopicTag | undefined {
    const firings: Firing[] = [];
    for (const occ of byField) this.fire(occ, firings);
    const counted = new Map<number, number>();
    let miss = 1;
    const evidence: Span[] = [];
    for (const f of firings) {
      const n = counted.get(f.rule) ?? 0;
      if (n >= MAX_FIRINGS_PER_RULE) continue;
      counted.set(f.rule, n + 1);
      miss *= 1 - f.weight;
      evidence.push(...f.evidence);
    }
    const score = Math.round((1 - miss) * 1000) / 1000;
    if (firings.length === 0 || score < this.threshold) return undefined;
    return { id: this.def.id, score, evidence: dedupe(evidence).slice(0, MAX_EVIDENCE) };
  }

  private fire(occ: Occurrence[], out: Firing[]): void {
    const bySent = new Map<number, Map<number, Occurrence>>();
    for (const o of occ) {
      let groups = bySent.get(o.sent);
      if (!groups) bySent.set(o.sent, (groups = new Map()));
      if (!groups.has(o.group)) groups.set(o.group, o);
    }
    const sentences = [...bySent.keys()].sort((a, b) => a - b);
    this.rules.forEach((rule, index) => {
      for (const s of sentences) {
        const here = bySent.get(s)!;
        if (rule.none.some((g) => here.has(g))) continue;
        const scope = rule.nearby ? [here, bySent.get(s - 1), bySent.get(s + 1)] : [here];
        const evidence = this.satisfy(rule.all, scope);
        // A nearby rule fires at the sentence holding its first group, so one pair is counted once.
        if (evidence && (!rule.nearby || rule.all[0]!.some((g) => here.has(g)))) out.push({ weight: rule.weight, rule: index, evidence });
      }
    });
  }

  private satisfy(all: number[][], scope: (Map<number, Occurrence> | undefined)[]): Span[] | undefined {
    const evidence: Span[] = [];
    for (const alternatives of all) {
      let hit: Occurrence | undefined;
      for (const groups of scope) {
        for (const g of alternatives) hit ??= groups?.get(g);
      }
      if (!hit) return undefined;
      evidence.push(hit.span);
    }
    return evidence;
  }
}

function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans
    .filter((s) => {
      const k = `${s.field}:${s.start}:${s.end}`;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
}
