import { WORD_LIST_KEYS } from '../text/word-list-keys.generated';
import { keySet } from '../text/word-keys';

/**
 * Words that say nothing about which event an article reports: function words, reporting verbs and
 * calendar words in English and Russian, compared by word key (so case and script do not matter).
 * A capitalised word in this list (a sentence start, a weekday) is not taken for a name either.
 */
const ENGLISH = `
a about above after again against all also although am among an and another any are around as at away be because been
before being between both but by can could did do does during each either even ever every few for from further had has
have having he her here hers him his how however i if in into is it its just least less may me might more most much must
my neither never no nor not now of off often on once one only or other our out over own per since so some still such than
that the their them then there these they this those though through thus to too under until up upon us very was we well
were what when where whether which while who whom whose why will with within without would yet you your
said says say told tell asked added according including also new would could after before last next first second third
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks month months year years day days
january february march april may june july august september october november december
mr mrs ms dr am pm
`;

const RUSSIAN = `
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот от меня еще ещё
нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя
ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда
кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда
можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя
впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это также который
которая которые которого котором также сообщил сообщила сообщили заявил заявила заявили по словам года году лет
понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье сегодня вчера завтра
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
`;

/** The lists as written, for the generator of text/word-list-keys.generated.ts (no bundle includes them). */
export const STOP_WORD_LISTS = { english: ENGLISH, russian: RUSSIAN } as const;

/** Their word keys, computed at build time (text/word-list-keys.ts), not at every cold start. */
export const STOP_WORDS: ReadonlySet<string> = keySet(WORD_LIST_KEYS.stopWords);

/** The lists' words as written, lower case: a capitalised word is a stop word only when it is one of them (features.ts). */
const WRITTEN_STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${RUSSIAN}`.split(/\s+/).filter((w) => w !== ''));

/** Whether a word, as written (any case), is in the stop word lists. */
export function isWrittenStopWord(word: string): boolean {
  return WRITTEN_STOP_WORDS.has(word.toLowerCase());
}
