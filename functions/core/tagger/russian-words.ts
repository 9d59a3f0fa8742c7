import { WORD_LIST_KEYS } from '../text/word-list-keys.generated';
import { keySet } from '../text/word-keys';
import { ENDINGS } from './vocab';

/**
 * Ordinary Russian words that an English surname can turn into when transcribed (Most → Мост,
 * Post → Пост, Grant → Грант, Rock → Рок, Hall → Холл): such a surname, written in Cyrillic, does
 * not count on its own (only once the person is named in full). Short on purpose, like the English
 * lists: mostly short nouns, since long transcriptions rarely make a Russian word.
 */
const WORDS = `
бар бас бал банк бант бег бой бок бор бос брат бренд бук бум бунт бур бут бык быт вал вар век вес вест вид вилл вин вкус вол вор
вред газ гид гимн гол голд гор гром грунт гранд грант гриф грог гросс гуд гусь дар дверь дед дек дел день дизель диск дно дог долг дом
дон драм друг дуб дух дым жар жест жук зал зум зуб кант кап карт кас кейс кил кит клан клей клуб кнут код кок кол колл кон кора корт
кот край кран крап крем крест кросс круг куб кулак курс лак лан лев лес лимит лист лиф лифт лицо лог лом лорд лось лук луч люк мак
мал марк марш мастер мат мах мел мер мик мил мин мир мис мол мор мост мот мох мяч нос нож нот ноль норд пак пакт пал пар парк пас
пат пек пел пик пил пир план плен плит плот пол полк порт пост пот пресс прим приз про пруд пуд пул пульс пунш пут пух рак рам ранг
рат рей рис ров рог род рок ром рос рот руль рыс сад сайт сал сев сек сет сил сок сол сон сорт спорт стан стар старт стек стен стол
стоп стук суд сук сум сэр так такт там танк тем тент тик тип тир тол том тон торг торт тост трал трап трек трест трос тур тюль угол
узел ум ус фаза фан фант фарт фен финт фирм фон фонд форт фронт фунт хит хлеб ход холл холм хор хром цвет цех чай чек час шар шах
шеф шик шип шок шорт штат штаб шум щит элит эхо юг
и а но да не ни же ли бы во за на из от до по под над при про без для как так где тут там кто что чем все всех весь сам вот раз
мир мира миру доме дома
`;

/** The list as written, for the generator of text/word-list-keys.generated.ts (no bundle includes it). */
export const RUSSIAN_WORD_LIST = WORDS;

/** Its word keys, computed at build time (text/word-list-keys.ts), not at every cold start. */
const KEYS = keySet(WORD_LIST_KEYS.russianWords);

/** Whether a Cyrillic word (as a key, possibly inflected: Моста, Посту) is one of the ordinary words above. */
export function isRussianWord(key: string): boolean {
  if (KEYS.has(key)) return true;
  for (const e of ENDINGS) if (key.length - e.length >= 2 && key.endsWith(e) && KEYS.has(key.slice(0, -e.length))) return true;
  return false;
}
