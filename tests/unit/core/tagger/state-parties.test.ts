import { describe, expect, it } from 'vitest';
import { russianForms, stateTerms } from '../../../../functions/core/tagger/state-parties';

describe('state parties', () => {
  it('declines a Russian place name by its ending, so a side is found in any case', () => {
    expect(russianForms('Пакистан')).toEqual(['пакистан', 'пакистана', 'пакистану', 'пакистаном', 'пакистане']);
    expect(russianForms('Индия')).toEqual(['индия', 'индии', 'индию', 'индией']);
    expect(russianForms('Ангола')).toEqual(['ангола', 'анголы', 'анголе', 'анголу', 'анголой']);
    expect(russianForms('Прага')).toContain('праги');
    expect(russianForms('Тирасполь')).toContain('тирасполя');
    expect(russianForms('Китай')).toContain('китае');
  });

  it('declines -а after ж, ш, ч, щ and ц with -ей in the instrumental (Польшей, Подгорицей)', () => {
    expect(russianForms('Польша')).toContain('польшей');
    expect(russianForms('Подгорица')).toContain('подгорицей');
    expect(russianForms('Польша')).not.toContain('польшой');
    expect(russianForms('Москва')).toContain('москвой');
  });

  it("leaves out Russian forms of a capital that are a common word's (Тирана, тирану: a tyrant's)", () => {
    const { parties } = stateTerms();
    expect(parties).not.toEqual(expect.arrayContaining(['тирана']));
    expect(parties).not.toEqual(expect.arrayContaining(['тирану']));
    expect(parties).toContain('tirana');
  });

  it("gives each state's English names, capitals and other names as one side, the Russian forms apart", () => {
    const sides = stateTerms('uzbekistan;tashkent;Узбекистан;Ташкент\nrussia;moscow;Россия;Москва;kremlin|кремль\n').sides;
    expect(sides).toEqual([
      ['uzbekistan', 'tashkent'],
      ['russia', 'moscow', 'kremlin'],
    ]);
    expect(stateTerms('russia;moscow;Россия;Москва;kremlin|кремль\n').parties).toEqual(
      expect.arrayContaining(['kremlin', 'кремль', 'россии']),
    );
  });

  it('leaves an indeclinable Russian name as written', () => {
    expect(russianForms('Перу')).toEqual(['перу']);
  });

  it('gives each state and capital in English and Russian, written-as-is entries kept, each once', () => {
    const terms = stateTerms(
      'pakistan|islamic republic;islamabad;Пакистан|=исламская республика;Исламабад\nindia;delhi;Индия;=дели\n',
    ).parties;
    expect(terms).toEqual(
      expect.arrayContaining(['pakistan', 'islamabad', 'пакистана', 'исламская республика', 'исламабаде', 'india', 'индии', 'дели']),
    );
    expect(new Set(terms).size).toBe(terms.length);
    expect(stateTerms().parties).toEqual(expect.arrayContaining(['pakistan', 'пакистан', 'nepal', 'непале']));
  });
});
