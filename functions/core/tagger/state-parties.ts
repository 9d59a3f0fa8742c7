/**
 * Every state (and the self-declared states whose detainees make the news) with its capital, in English
 * and in Russian, as the built-in topic's parties: a two-sided release needs two different sides, so a
 * side missing from the list hides the deal ("Pakistan returned … India handed over …" read as India alone).
 *
 * A line is `English names ; English capitals ; Russian names ; Russian capitals ; other names`, alternatives
 * split by `|`. A Russian single word (or hyphenated name) is declined here by its ending (Пакистан → Пакистана,
 * Пакистане…; Индия → Индии…); a Russian entry written with a leading `=` is taken as written (adjectives,
 * plurals, irregular or indeclinable names). Other names are terms taken as written, in either language: the
 * seat of power or "the side" (`kremlin`, `американск* сторон*`) and Russian prefixes that also take the
 * adjective (`грузин*`: грузинской, грузины). A prefix must not start ordinary words or names: `грузи*` took
 * «грузили» (loaded), `литв*` «Литвиненко», `франци*` «Франциск»; the declined nouns need no prefix. A line's English terms are one side (stateTerms): a dateline's
 * capital beside its country is one party, not two. Left out on purpose:
 * names that are mostly something else — given names and surnames (Chad, Jordan, Sofia, Victoria, Santiago,
 * Wellington), English words a Russian form keys to (Рим → "rim", Чили → "chili", Дели → "deli", Того =
 * "того"), Russian forms that are common words (Тирана, тирану, тиране: a tyrant's), and cities elsewhere
 * (Kingston, San Jose, Georgetown, Male). Words keyed by Cyrillic fold to Latin letters (docs/tagging.md),
 * hence those exclusions.
 */
import { isCyrillicText } from '../text/word-keys';

const STATES = `
afghanistan;kabul;Афганистан;Кабул
albania;tirana;Албания;
algeria;algiers;Алжир;
andorra;;Андорра;
angola;luanda;Ангола;Луанда
argentina;buenos aires;Аргентина;Буэнос-Айрес
armenia;yerevan;Армения;Ереван
australia;canberra;Австралия;Канберра;австрали*
austria;vienna;Австрия;;австри*
azerbaijan;baku;Азербайджан;=баку
bahamas;nassau;=багамы|=багамских островов|=багамах;
bahrain;manama;Бахрейн;Манама
bangladesh;dhaka;Бангладеш;Дакка
barbados;bridgetown;Барбадос;
belarus;minsk;Белоруссия|=беларусь|=беларуси;Минск
belgium;brussels;Бельгия;Брюссель
belize;belmopan;Белиз;
benin;porto novo;Бенин;
bhutan;thimphu;Бутан;
bolivia;la paz|sucre;Боливия;=ла-пас
bosnia|bosnia and herzegovina;sarajevo;=босния и герцеговина|=боснии и герцеговины|=боснии|=босния;Сараево
botswana;gaborone;Ботсвана;
brazil;brasilia;Бразилия;=бразилиа
brunei;;Бруней;
bulgaria;;Болгария;
burkina faso;ouagadougou;=буркина-фасо;
burundi;bujumbura;=бурунди;
cambodia;phnom penh;Камбоджа;=пномпень|=пномпеня|=пномпене
cameroon;yaounde;Камерун;
canada;ottawa;Канада;Оттава;канад*
cape verde|cabo verde;praia;=кабо-верде;
central african republic;bangui;=центральноафриканская республика|=центральноафриканской республики|=цар;
chile;;=чилийские власти;
china;beijing;Китай|=кнр;Пекин
colombia;bogota;Колумбия;Богота
comoros;moroni;=коморы|=коморских островов;
congo|democratic republic of congo|dr congo|drc;kinshasa|brazzaville;=конго|=дрк;Киншаса|=браззавиль
costa rica;;=коста-рика|=коста-рики|=коста-рике;
croatia;zagreb;Хорватия;Загреб
cuba;havana;Куба;Гавана
cyprus|northern cyprus;nicosia;Кипр|=северный кипр|=северного кипра;Никосия
czech republic|czechia;prague;Чехия;Прага
denmark;copenhagen;Дания;Копенгаген
djibouti;;=джибути;
dominica|dominican republic;roseau|santo domingo;=доминика|=доминиканская республика|=доминиканской республики;=санто-доминго
east timor|timor leste;dili;=восточный тимор|=восточного тимора;
ecuador;quito;Эквадор;=кито
egypt;cairo;=египет|=египта|=египте|=египту|=египтом;Каир
el salvador;san salvador;Сальвадор;=сан-сальвадор
equatorial guinea;malabo;=экваториальная гвинея|=экваториальной гвинеи;
eritrea;asmara;Эритрея;
estonia;tallinn;Эстония;Таллин;эстони*
eswatini|swaziland;mbabane;=эсватини|Свазиленд;
ethiopia;addis ababa;Эфиопия;Аддис-Абеба
fiji;suva;=фиджи;
finland;helsinki;Финляндия;=хельсинки;финлянди*
france;paris;Франция;Париж
gabon;libreville;Габон;
gambia;banjul;Гамбия;
georgia;tbilisi;Грузия;=тбилиси;грузин*
germany;berlin;Германия;Берлин
ghana;accra;Гана;Аккра
greece;athens;Греция;=афины|=афин|=афинах
grenada;;Гренада;
guatemala;guatemala city;Гватемала;
guinea|guinea bissau;conakry|bissau;Гвинея|=гвинея-бисау;Конакри
guyana;;Гайана;
haiti;port au prince;=гаити;=порт-о-пренс
honduras;tegucigalpa;Гондурас;
hungary;budapest;Венгрия;Будапешт
iceland;reykjavik;Исландия;Рейкьявик
india;new delhi|delhi;Индия;=нью-дели
indonesia;jakarta;Индонезия;Джакарта
iran;tehran;Иран;Тегеран;iranian side|иранск* сторон*
iraq;baghdad;Ирак;Багдад;ирак*
ireland;dublin;Ирландия;Дублин
israel;jerusalem;Израиль;Иерусалим;израильск* власт*
italy;rome;Италия;=рима|=риме|=риму|=римом;итали*
ivory coast|cote d ivoire;yamoussoukro|abidjan;=кот-д'ивуар;
jamaica;;Ямайка;
japan;tokyo;Япония;=токио
;amman;Иордания;Амман
kazakhstan;astana;Казахстан;Астана;казахстан*
kenya;nairobi;Кения;=найроби
kosovo;pristina;=косово;Приштина
kuwait;;Кувейт;
kyrgyzstan|kyrgyz republic;bishkek;Киргизия|Кыргызстан;Бишкек
laos;vientiane;Лаос;Вьентьян
latvia;riga;Латвия;Рига;латви*
lebanon;beirut;Ливан;Бейрут
lesotho;maseru;=лесото;
liberia;monrovia;Либерия;Монровия
libya;tripoli;Ливия;=триполи
liechtenstein;vaduz;Лихтенштейн;
lithuania;vilnius;Литва;=вильнюс|=вильнюса|=вильнюсе
luxembourg;;Люксембург;
madagascar;antananarivo;Мадагаскар;
malawi;lilongwe;=малави;
malaysia;kuala lumpur;Малайзия;=куала-лумпур
maldives;;=мальдивы|=мальдив|=мальдивах;
mali;bamako;=мали;=бамако
malta;valletta;Мальта;
mauritania;nouakchott;Мавритания;
mauritius;port louis;Маврикий;
mexico;mexico city;Мексика;=мехико
moldova;chisinau;Молдавия|Молдова;Кишинев|Кишинёв
monaco;;=монако;
mongolia;ulaanbaatar|ulan bator;Монголия;=улан-батор|=улан-батора|=улан-баторе
montenegro;podgorica;Черногория;Подгорица
morocco;rabat;=марокко;
mozambique;maputo;Мозамбик;=мапуту
myanmar|burma;naypyidaw|yangon;=мьянма|=мьянмы|=мьянме|Бирма;Янгон
namibia;windhoek;Намибия;
nepal;kathmandu;Непал;=катманду
netherlands;amsterdam|the hague;=нидерланды|=нидерландов|=нидерландах|Голландия;Амстердам|Гаага;нидерланд*
new zealand;;=новая зеландия|=новой зеландии|=новую зеландию;
nicaragua;managua;=никарагуа;=манагуа
niger;niamey;Нигер;=ниамей
nigeria;abuja;Нигерия;Абуджа
north korea;pyongyang;=северная корея|=северной кореи|=северной корее|=кндр;Пхеньян
north macedonia|macedonia;skopje;=северная македония|=северной македонии|Македония;=скопье
norway;oslo;Норвегия;=осло;норвеги*
oman;muscat;Оман;Маскат;оман*
pakistan;islamabad;Пакистан;Исламабад
palestine|palestinian authority;ramallah;Палестина|=палестинская автономия|=палестинской автономии;=рамалла|=рамаллы|=рамалле
panama;panama city;Панама;
paraguay;asuncion;Парагвай;Асунсьон
peru;lima;=перу;Лима
philippines;manila;=филиппины|=филиппин|=филиппинах|=филиппинам;Манила
poland;warsaw;Польша;Варшава;польш*
portugal;lisbon;Португалия;Лиссабон
qatar;doha;Катар;Доха;катар*
romania;bucharest;Румыния;Бухарест
russia;moscow;Россия;Москва;kremlin|russian side|кремль|кремле|российск* сторон*
rwanda;kigali;Руанда;=кигали
saudi arabia;riyadh;=саудовская аравия|=саудовской аравии|=саудовскую аравию;=эр-рияд|=эр-рияда|=эр-рияде
senegal;dakar;Сенегал;Дакар
serbia;belgrade;Сербия;Белград
sierra leone;freetown;=сьерра-леоне;
singapore;;Сингапур;
slovakia;bratislava;Словакия;Братислава
slovenia;ljubljana;Словения;Любляна;словени*
somalia|somaliland;mogadishu|hargeisa;=сомали|Сомалиленд;=могадишо
south africa;pretoria;=юар|=южная африка|=южной африки;Претория
south korea;seoul;=южная корея|=южной кореи|=южной корее|=южную корею;Сеул
south sudan;juba;=южный судан|=южного судана|=южном судане;
spain;madrid;Испания;Мадрид;испани*
sri lanka;colombo;=шри-ланка|=шри-ланки|=шри-ланке;Коломбо
sudan;khartoum;Судан;Хартум;судан*
suriname;paramaribo;Суринам;
sweden;stockholm;Швеция;Стокгольм;швеци*
switzerland;bern;Швейцария;Берн;швейцари*
syria;damascus;Сирия;Дамаск
taiwan;taipei;Тайвань;=тайбэй
tajikistan;dushanbe;Таджикистан;=душанбе
tanzania;dodoma|dar es salaam;Танзания;
thailand;bangkok;Таиланд|Тайланд;Бангкок
tunisia;tunis;Тунис;
turkey|turkiye;ankara;Турция;Анкара;турци*
turkmenistan;ashgabat;Туркмения|Туркменистан;Ашхабад
uganda;kampala;Уганда;Кампала
ukraine;kyiv|kiev;Украина;Киев;ukrainian side|украинск* сторон*
united arab emirates|uae|emirates;abu dhabi;=оаэ|=объединенные арабские эмираты|=объединенных арабских эмиратов|=эмираты|=эмиратов|=эмиратах;=абу-даби
united kingdom|britain|great britain;london;Великобритания|Британия;Лондон;британи*
united states;washington;=соединенные штаты|=соединенных штатов|=соединенным штатам|=сша;Вашингтон;u s|usa|america|white house|american side|u s side|американск* сторон*
uruguay;montevideo;Уругвай;=монтевидео
uzbekistan;tashkent;Узбекистан;Ташкент
vatican|holy see;;Ватикан;
venezuela;caracas;Венесуэла;Каракас
vietnam;hanoi;Вьетнам;=ханой|=ханоя|=ханое
yemen;sanaa;Йемен;;йемен*
zambia;lusaka;Замбия;Лусака
zimbabwe;harare;=зимбабве;=хараре
abkhazia;sukhumi;Абхазия;=сухум|=сухуми|=сухума
south ossetia;tskhinvali;=южная осетия|=южной осетии|=южную осетию;=цхинвал|=цхинвали|=цхинвала
transnistria;tiraspol;=приднестровье|=приднестровья|=приднестровью|=пмр;Тирасполь
`;

const VOWEL_ENDED = /[аяеёиоуыэю]$/;
/** After these letters Russian writes -и, not -ы (Ангола → Анголы, but Америка → Америки). */
const I_AFTER = /[гкхжшщч]$/;
/** After these letters an unstressed ending is -ей, not -ой (Польша → Польшей, Подгорица → Подгорицей). */
const EI_AFTER = /[жшчщц]$/;

/** The case forms of a Russian place name, by its ending: nominative, genitive, dative, accusative, instrumental, prepositional. */
export function russianForms(name: string): string[] {
  const word = name.toLowerCase();
  if (word.endsWith('ия')) return ['ия', 'ии', 'ию', 'ией'].map((e) => word.slice(0, -2) + e);
  if (word.endsWith('ь')) return ['ь', 'я', 'ю', 'ем', 'е'].map((e) => word.slice(0, -1) + e);
  if (word.endsWith('й')) return ['й', 'я', 'ю', 'ем', 'е'].map((e) => word.slice(0, -1) + e);
  if (word.endsWith('а')) {
    const stem = word.slice(0, -1);
    return [word, stem + (I_AFTER.test(stem) ? 'и' : 'ы'), `${stem}е`, `${stem}у`, stem + (EI_AFTER.test(stem) ? 'ей' : 'ой')];
  }
  if (word.endsWith('я')) return ['я', 'и', 'е', 'ю', 'ей'].map((e) => word.slice(0, -1) + e);
  if (VOWEL_ENDED.test(word)) return [word];
  return ['', 'а', 'у', 'ом', 'е'].map((e) => word + e);
}

function russianEntries(field: string): string[] {
  return field
    .split('|')
    .filter(Boolean)
    .flatMap((entry) => (entry.startsWith('=') ? [entry.slice(1)] : russianForms(entry)));
}

/** What the built-in topic takes from the state table: its party terms and its sides. */
export interface StateTerms {
  /** The party terms of every state and capital, English and Russian, each once. */
  parties: string[];
  /**
   * Each state's English terms (its names, capitals and other English names), one list per state: one side
   * each, so "TASHKENT, Uzbekistan" is one party. The Russian forms are left apart, each its own word as before
   * (Россия and России, Москва and России are two): made one side too, they cost a true exchange in a held-out
   * batch whose other side is not in the party list, and Russian datelines seldom name the country after the
   * capital.
   */
  sides: string[][];
}

/** The table's parties and sides, from one reading of it. */
export function stateTerms(table: string = STATES): StateTerms {
  const lines = stateLines(table);
  return {
    parties: [...new Set(lines.flatMap((line) => [...line.english, ...line.russian]))],
    sides: lines.map((line) => [...new Set(line.english)]).filter((terms) => terms.length > 1),
  };
}

interface StateLine {
  english: string[];
  russian: string[];
}

/** Each line's English terms and Russian forms. */
function stateLines(table: string): StateLine[] {
  const lines: StateLine[] = [];
  for (const line of table.split('\n')) {
    if (!line.trim()) continue;
    const [names = '', capitals = '', ruNames = '', ruCapitals = '', others = ''] = line.split(';');
    const all = [...names.split('|'), ...capitals.split('|'), ...others.split('|')].filter(Boolean);
    lines.push({
      english: all.filter((t) => !isCyrillicText(t)),
      russian: [...all.filter(isCyrillicText), ...russianEntries(ruNames), ...russianEntries(ruCapitals)],
    });
  }
  return lines;
}
