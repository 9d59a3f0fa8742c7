import { describe, expect, it } from 'vitest';
import { russianForms, stateParties } from '../../../../functions/core/tagger/state-parties';

describe('state parties', () => {
  it('declines a Russian place name by its ending, so a side is found in any case', () => {
    expect(russianForms('Пакистан')).toEqual(['пакистан', 'пакистана', 'пакистану', 'пакистаном', 'пакистане']);
    expect(russianForms('Индия')).toEqual(['индия', 'индии', 'индию', 'индией']);
    expect(russianForms('Ангола')).toEqual(['ангола', 'анголы', 'анголе', 'анголу', 'анголой']);
    expect(russianForms('Прага')).toContain('праги');
    expect(russianForms('Тирасполь')).toContain('тирасполя');
    expect(russianForms('Китай')).toContain('китае');
  });

  it('leaves an indeclinable Russian name as written', () => {
    expect(russianForms('Перу')).toEqual(['перу']);
  });

  it('gives each state and capital in English and Russian, written-as-is entries kept, each once', () => {
    const terms = stateParties('pakistan|islamic republic;islamabad;Пакистан|=исламская республика;Исламабад\nindia;delhi;Индия;=дели\n');
    expect(terms).toEqual(
      expect.arrayContaining(['pakistan', 'islamabad', 'пакистана', 'исламская республика', 'исламабаде', 'india', 'индии', 'дели']),
    );
    expect(new Set(terms).size).toBe(terms.length);
    expect(stateParties()).toEqual(expect.arrayContaining(['pakistan', 'пакистан', 'nepal', 'непале']));
  });
});
